using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>
/// One plug-in instance driven the way a host drives it: component and controller created through the
/// factory, initialized, connected, set up and activated, every call going through the vtables.
/// </summary>
internal sealed unsafe class PluginInstance : IDisposable
{
    private readonly Factory _factory = new();
    private readonly FakeComponentHandler _handler = new();
    private bool _active;

    /// <param name="definition">Instead of the factory's classes: a component and controller over this definition
    /// (a test's own model library and user model folders), then driven through the same vtables.</param>
    public PluginInstance(PluginKind kind, double sampleRate = 48000, int maxBlock = 512, ulong arrangement = Vst.SpeakerStereo,
        int sampleSize = Vst.Sample32, bool activate = true, int processMode = Vst.ProcessModeRealtime, PluginDefinition? definition = null)
    {
        Kind = kind;
        SampleRate = sampleRate;
        SampleSize = sampleSize;
        ProcessMode = processMode;
        Component = definition is null ? _factory.Create(ClassIds.Processor(kind), Iids.Component) : Interface(new Plugin.Component(definition), Iids.Component);
        Processor = Vtable.Require(Component, Iids.AudioProcessor);
        Assert.Equal(TResult.Ok, Call(Component, 3, IntPtr.Zero)); // initialize
        Controller = definition is null ? _factory.Create(ClassIds.Controller(kind), Iids.EditController) : Interface(new Plugin.Controller(definition), Iids.EditController);
        Assert.Equal(TResult.Ok, Call(Controller, 3, IntPtr.Zero));
        ComponentConnection = Vtable.Require(Component, Iids.ConnectionPoint);
        ControllerConnection = Vtable.Require(Controller, Iids.ConnectionPoint);
        Assert.Equal(TResult.Ok, Call(ComponentConnection, 3, ControllerConnection));
        Assert.Equal(TResult.Ok, Call(ControllerConnection, 3, ComponentConnection));
        Assert.Equal(TResult.Ok, Call(Controller, 16, _handler.Pointer)); // setComponentHandler

        Channels = arrangement == Vst.SpeakerMono ? 1 : 2;
        ulong output = arrangement, input = arrangement;
        int inputs = kind == PluginKind.Instrument ? 0 : 1;
        Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, ulong*, int, ulong*, int, int>)Vtable.Entry(Processor, 3))(Processor, &input, inputs, &output, 1));
        var setup = new ProcessSetup { ProcessMode = processMode, SymbolicSampleSize = sampleSize, MaxSamplesPerBlock = maxBlock, SampleRate = sampleRate };
        Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, ProcessSetup*, int>)Vtable.Entry(Processor, 7))(Processor, &setup));
        if (activate) Activate();
    }

    // As the factory hands out an object: the interface's reference only.
    private static IntPtr Interface(Com.ComObject created, Tuid iid)
    {
        void* result;
        Assert.Equal(TResult.Ok, created.QueryInterface(&iid, &result));
        created.Release();
        return (IntPtr)result;
    }

    public PluginKind Kind { get; }
    public double SampleRate { get; }
    public int SampleSize { get; }
    public int ProcessMode { get; }
    public int Channels { get; }
    public IntPtr Component { get; }
    public IntPtr Processor { get; }
    public IntPtr Controller { get; }
    public IntPtr ComponentConnection { get; }
    public IntPtr ControllerConnection { get; }
    public FakeComponentHandler Handler => _handler;

    /// <summary>The managed object behind the component pointer, for assertions on internals.</summary>
    public Plugin.Component Managed => Com.ComObject.FromSlot<Plugin.Component>(Component);

    public void Activate()
    {
        Assert.Equal(TResult.Ok, CallBool(Component, 11, true));   // setActive
        Assert.Equal(TResult.Ok, CallBool(Processor, 8, true));    // setProcessing
        _active = true;
    }

    public void Deactivate()
    {
        CallBool(Processor, 8, false);
        CallBool(Component, 11, false);
        _active = false;
    }

    public static int Call(IntPtr self, int index, IntPtr argument) =>
        ((delegate* unmanaged<IntPtr, IntPtr, int>)Vtable.Entry(self, index))(self, argument);

    public static int CallBool(IntPtr self, int index, bool value) =>
        ((delegate* unmanaged<IntPtr, byte, int>)Vtable.Entry(self, index))(self, value ? (byte)1 : (byte)0);

    public uint LatencySamples => ((delegate* unmanaged<IntPtr, uint>)Vtable.Entry(Processor, 6))(Processor);

    public byte[] GetState()
    {
        var stream = new FakeStream();
        Assert.Equal(TResult.Ok, Call(Component, 13, stream.Pointer));
        byte[] bytes = stream.ToArray();
        stream.Release();
        return bytes;
    }

    public int SetState(byte[] chunk, int maxChunk = int.MaxValue)
    {
        var stream = new FakeStream(chunk) { MaxChunk = maxChunk };
        int status = Call(Component, 12, stream.Pointer);
        stream.Release();
        return status;
    }

    public int SetControllerComponentState(byte[] chunk)
    {
        var stream = new FakeStream(chunk);
        int status = Call(Controller, 5, stream.Pointer);
        stream.Release();
        return status;
    }

    public double GetParamNormalized(uint id) => ((delegate* unmanaged<IntPtr, uint, double>)Vtable.Entry(Controller, 14))(Controller, id);

    /// <summary>
    /// Runs one process call of <paramref name="frames"/> frames; returns the output channels. For the effect,
    /// <paramref name="input"/> feeds every input channel.
    /// </summary>
    public float[][] Process(int frames, FakeEventList? events = null, FakeParameterChanges? changes = null,
        float[]? input = null, ProcessContext? context = null, FakeEventList? outputEvents = null)
    {
        int bytesPerSample = SampleSize == Vst.Sample64 ? 8 : 4;
        var allocations = new List<IntPtr>();
        IntPtr Alloc(int bytes)
        {
            IntPtr p = (IntPtr)NativeMemory.AllocZeroed((nuint)Math.Max(bytes, 1));
            allocations.Add(p);
            return p;
        }
        AudioBusBuffers* MakeBus(float[]? source)
        {
            var bus = (AudioBusBuffers*)Alloc(sizeof(AudioBusBuffers));
            bus->NumChannels = Channels;
            bus->ChannelBuffers = (void**)Alloc(sizeof(IntPtr) * Channels);
            for (int c = 0; c < Channels; c++)
            {
                IntPtr buffer = Alloc(frames * bytesPerSample);
                bus->ChannelBuffers[c] = (void*)buffer;
                if (source == null) continue;
                for (int i = 0; i < frames; i++)
                {
                    if (SampleSize == Vst.Sample64) ((double*)buffer)[i] = source[i];
                    else ((float*)buffer)[i] = source[i];
                }
            }
            return bus;
        }

        try
        {
            var data = new ProcessData
            {
                ProcessMode = ProcessMode,
                SymbolicSampleSize = SampleSize,
                NumSamples = frames,
                NumOutputs = 1,
                Outputs = MakeBus(null),
                InputEvents = events?.Pointer ?? IntPtr.Zero,
                InputParameterChanges = changes?.Pointer ?? IntPtr.Zero,
                OutputEvents = outputEvents?.Pointer ?? IntPtr.Zero,
            };
            if (Kind != PluginKind.Instrument || input != null) // the instrument's input is its optional sidechain
            {
                data.NumInputs = 1;
                data.Inputs = MakeBus(input ?? new float[frames]);
            }
            ProcessContext contextValue = context ?? default;
            if (context != null) data.ProcessContext = &contextValue;
            Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, ProcessData*, int>)Vtable.Entry(Processor, 9))(Processor, &data));

            var output = new float[Channels][];
            for (int c = 0; c < Channels; c++)
            {
                output[c] = new float[frames];
                void* buffer = data.Outputs->ChannelBuffers[c];
                for (int i = 0; i < frames; i++)
                    output[c][i] = SampleSize == Vst.Sample64 ? (float)((double*)buffer)[i] : ((float*)buffer)[i];
            }
            return output;
        }
        finally
        {
            foreach (var p in allocations) NativeMemory.Free((void*)p);
        }
    }

    public void Dispose()
    {
        if (_active) Deactivate();
        Call(ComponentConnection, 4, ControllerConnection);
        Call(ControllerConnection, 4, ComponentConnection);
        Vtable.Release(ComponentConnection);
        Vtable.Release(ControllerConnection);
        Call(Controller, 4, IntPtr.Zero);
        Call(Component, 4, IntPtr.Zero);
        Vtable.Release(Processor);
        Vtable.Release(Controller);
        Vtable.Release(Component);
        _handler.Release();
        _factory.Dispose();
    }
}
