using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Host;
using NeuralSynth.Vst3.Interfaces;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The component's IConnectionPoint. Component and controller live in this same module, so once connected
/// they talk directly (the component asks the controller to restart the host on latency changes). A host
/// that connects them through proxies gets a "link" message carrying the component's instance number, which
/// the controller resolves in <see cref="Find"/>.
/// </summary>
internal sealed unsafe class ComponentLink
{
    public const string LinkMessageId = "NeuralSynth.Link";
    public const string InstanceAttribute = "instance";
    private static readonly Dictionary<long, WeakReference<Component>> Instances = new();
    private static long _nextInstance;
    private readonly Component _owner;
    private IntPtr _proxyPeer;

    public ComponentLink(Component owner)
    {
        _owner = owner;
        Instance = Interlocked.Increment(ref _nextInstance);
        lock (Instances) Instances[Instance] = new WeakReference<Component>(owner);
    }

    public long Instance { get; }
    public Controller? Controller { get; private set; }

    public static Component? Find(long instance)
    {
        lock (Instances) return Instances.TryGetValue(instance, out var weak) && weak.TryGetTarget(out var c) ? c : null;
    }

    public void Attach(Controller controller) => Controller = controller;

    public int Connect(IntPtr other)
    {
        if (other == IntPtr.Zero) return TResult.InvalidArgument;
        if (ComObject.HasVtable(other, ControllerVtables.Connection))
        {
            var controller = ComObject.FromSlot<Controller>(other);
            Controller = controller;
            controller.AttachComponent(_owner);
            return TResult.Ok;
        }
        // A host proxy: keep it, and tell the controller behind it who we are.
        Unknown.AddRef(other);
        Unknown.Release(Interlocked.Exchange(ref _proxyPeer, other));
        SendLinkMessage(other);
        return TResult.Ok;
    }

    public int Disconnect(IntPtr other)
    {
        Disconnect();
        return TResult.Ok;
    }

    public void Disconnect()
    {
        Controller?.DetachComponent(_owner);
        Controller = null;
        Unknown.Release(Interlocked.Exchange(ref _proxyPeer, IntPtr.Zero));
    }

    /// <summary>Disconnects and removes this component from the instance table (terminate, final release).</summary>
    public void Forget()
    {
        Disconnect();
        lock (Instances) Instances.Remove(Instance);
    }

    public void RequestRestart(int flags) => Controller?.RequestRestart(flags);

    private void SendLinkMessage(IntPtr peer)
    {
        IntPtr host = _owner.HostContext;
        if (host == IntPtr.Zero) return;
        IntPtr message = HostApplication.CreateInstance(host, Iids.Message);
        if (message == IntPtr.Zero) return;
        byte* id = Strings.AllocUtf8(LinkMessageId);
        byte* attribute = Strings.AllocUtf8(InstanceAttribute);
        try
        {
            Message.SetId(message, id);
            IntPtr attributes = Message.Attributes(message);
            if (attributes != IntPtr.Zero && Message.SetInt(attributes, attribute, Instance))
                ConnectionPoint.Notify(peer, message);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(id);
            System.Runtime.InteropServices.NativeMemory.Free(attribute);
            Unknown.Release(message);
        }
    }
}
