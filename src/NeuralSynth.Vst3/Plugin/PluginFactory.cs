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
        if (info == null || !TryEntry(index, out var entry)) return TResult.InvalidArgument;
        *info = default;
        WriteCommon(entry, &info->Cid, &info->Cardinality, info->Category);
        Strings.WriteUtf8(info->Name, 64, entry.Name);
        return TResult.Ok;
    }

    public static int GetClassInfo2(int index, PClassInfo2* info)
    {
        if (info == null || !TryEntry(index, out var entry)) return TResult.InvalidArgument;
        *info = default;
        WriteCommon(entry, &info->Cid, &info->Cardinality, info->Category, &info->ClassFlags, info->SubCategories);
        Strings.WriteUtf8(info->Name, 64, entry.Name);
        Strings.WriteUtf8(info->Vendor, 64, ClassCatalog.Vendor);
        Strings.WriteUtf8(info->Version, 64, ClassCatalog.Version);
        Strings.WriteUtf8(info->SdkVersion, 64, ClassCatalog.SdkVersion);
        return TResult.Ok;
    }

    /// <summary>As <see cref="GetClassInfo2"/>, with the texts a user reads in UTF-16.</summary>
    public static int GetClassInfoUnicode(int index, PClassInfoW* info)
    {
        if (info == null || !TryEntry(index, out var entry)) return TResult.InvalidArgument;
        *info = default;
        WriteCommon(entry, &info->Cid, &info->Cardinality, info->Category, &info->ClassFlags, info->SubCategories);
        Strings.WriteUtf16(info->Name, 64, entry.Name);
        Strings.WriteUtf16(info->Vendor, 64, ClassCatalog.Vendor);
        Strings.WriteUtf16(info->Version, 64, ClassCatalog.Version);
        Strings.WriteUtf16(info->SdkVersion, 64, ClassCatalog.SdkVersion);
        return TResult.Ok;
    }

    private static bool TryEntry(int index, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClassEntry? entry)
    {
        entry = index >= 0 && index < CountClasses ? ClassCatalog.Classes[index] : null;
        return entry != null;
    }

    /// <summary>The fields every version of the class info shares, all in 8-bit text: id, cardinality, category,
    /// and (from PClassInfo2 on) class flags and subcategories.</summary>
    private static void WriteCommon(ClassEntry entry, Tuid* cid, int* cardinality, byte* category,
        uint* classFlags = null, byte* subCategories = null)
    {
        *cid = Id(entry);
        *cardinality = Vst.ManyInstances;
        Strings.WriteUtf8(category, 32, entry.Category);
        if (classFlags == null) return;
        *classFlags = Vst.ClassDistributable;
        Strings.WriteUtf8(subCategories, 128, entry.SubCategories);
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
