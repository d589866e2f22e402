using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Interfaces;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// IPluginFactory3: describes the four classes (<see cref="ClassCatalog"/>) and creates them. One factory per
/// loaded module; GetPluginFactory hands out a new reference to it each time, and when the host releases the
/// last one the next call makes a fresh factory.
/// </summary>
internal sealed unsafe class PluginFactory : ComObject
{
    private static readonly object Gate = new();
    private static PluginFactory? _instance;

    private PluginFactory() : base([FactoryVtable.Factory], FactoryVtable.InterfaceMap) { }

    /// <summary>The factory's interface pointer, with a reference for the caller.</summary>
    public static IntPtr Acquire()
    {
        lock (Gate)
        {
            if (_instance == null) _instance = new PluginFactory();
            else _instance.AddRef();
            return _instance.Slot(0);
        }
    }

    protected override void OnFinalRelease()
    {
        lock (Gate) if (ReferenceEquals(_instance, this)) _instance = null;
    }

    public static int GetFactoryInfo(PFactoryInfo* info)
    {
        if (info == null) return TResult.InvalidArgument;
        *info = default;
        Strings.WriteUtf8(info->Vendor, 64, ClassCatalog.Vendor);
        Strings.WriteUtf8(info->Url, 256, ClassCatalog.Url);
        Strings.WriteUtf8(info->Email, 128, ClassCatalog.Email);
        info->Flags = Vst.FactoryUnicode;
        return TResult.Ok;
    }

    public static int CountClasses => ClassCatalog.Classes.Length;

    public static int GetClassInfo(int index, PClassInfo* info)
    {
        if (info == null || index < 0 || index >= CountClasses) return TResult.InvalidArgument;
        var entry = ClassCatalog.Classes[index];
        *info = default;
        info->Cid = Id(entry);
        info->Cardinality = Vst.ManyInstances;
        Strings.WriteUtf8(info->Category, 32, entry.Category);
        Strings.WriteUtf8(info->Name, 64, entry.Name);
        return TResult.Ok;
    }

    public static int GetClassInfo2(int index, PClassInfo2* info)
    {
        if (info == null || index < 0 || index >= CountClasses) return TResult.InvalidArgument;
        var entry = ClassCatalog.Classes[index];
        *info = default;
        info->Cid = Id(entry);
        info->Cardinality = Vst.ManyInstances;
        Strings.WriteUtf8(info->Category, 32, entry.Category);
        Strings.WriteUtf8(info->Name, 64, entry.Name);
        info->ClassFlags = Vst.ClassDistributable;
        Strings.WriteUtf8(info->SubCategories, 128, entry.SubCategories);
        Strings.WriteUtf8(info->Vendor, 64, ClassCatalog.Vendor);
        Strings.WriteUtf8(info->Version, 64, ClassCatalog.Version);
        Strings.WriteUtf8(info->SdkVersion, 64, ClassCatalog.SdkVersion);
        return TResult.Ok;
    }

    public static int GetClassInfoUnicode(int index, PClassInfoW* info)
    {
        if (info == null || index < 0 || index >= CountClasses) return TResult.InvalidArgument;
        var entry = ClassCatalog.Classes[index];
        *info = default;
        info->Cid = Id(entry);
        info->Cardinality = Vst.ManyInstances;
        Strings.WriteUtf8(info->Category, 32, entry.Category);
        Strings.WriteUtf16(info->Name, 64, entry.Name);
        info->ClassFlags = Vst.ClassDistributable;
        Strings.WriteUtf8(info->SubCategories, 128, entry.SubCategories);
        Strings.WriteUtf16(info->Vendor, 64, ClassCatalog.Vendor);
        Strings.WriteUtf16(info->Version, 64, ClassCatalog.Version);
        Strings.WriteUtf16(info->SdkVersion, 64, ClassCatalog.SdkVersion);
        return TResult.Ok;
    }

    /// <summary>Creates a class instance and returns its <paramref name="iid"/> interface (refcount 1).</summary>
    public static int CreateInstance(void* cid, void* iid, void** result)
    {
        if (result == null) return TResult.InvalidArgument;
        *result = null;
        if (cid == null || iid == null) return TResult.InvalidArgument;
        var wanted = Tuid.Read(cid);
        foreach (var entry in ClassCatalog.Classes)
        {
            if (Id(entry) != wanted) continue;
            ComObject created = entry.IsController ? new Controller(entry.Kind) : new Component(entry.Kind);
            int status = created.QueryInterface(iid, result);
            created.Release(); // drop the creation reference: the host's is the only one left (or none on failure)
            return status;
        }
        return TResult.NoInterface; // what the SDK's factory answers for a class it does not have
    }

    private static Tuid Id(ClassEntry entry) => Tuid.FromWords(entry.Words[0], entry.Words[1], entry.Words[2], entry.Words[3]);
}
