using NeuralSynth.Engine.Core;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

public unsafe class GuardTests
{
    [Fact]
    public void A_failure_on_the_audio_thread_gives_silence_and_a_message()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        var notes = new FakeEventList().NoteOn(0, 60, 1f);
        var sounding = plugin.Process(256, notes);
        notes.Release();
        Assert.Contains(sounding[0], s => s != 0f);

        while (plugin.Managed.Engine.Messages.TryRead(out _)) { }
        long before = Guard.ExceptionCount;
        plugin.Managed.InjectProcessFault = true;
        var failed = plugin.Process(256); // the call itself returns kResultOk (asserted in Process)
        Assert.All(failed, channel => Assert.All(channel, s => Assert.Equal(0f, s)));
        Assert.True(Guard.ExceptionCount > before);
        Assert.IsType<InvalidOperationException>(Guard.LastException);
        bool reported = false;
        while (plugin.Managed.Engine.Messages.TryRead(out var message)) reported |= message.Code == EngineMessageCode.ProcessingFailed;
        Assert.True(reported);

        // The next block plays again.
        Assert.Contains(plugin.Process(256)[0], s => s != 0f);
    }

    [Fact]
    public void Null_and_invalid_arguments_return_error_codes()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        IntPtr component = plugin.Component, processor = plugin.Processor, controller = plugin.Controller;
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, ProcessData*, int>)Vtable.Entry(processor, 9))(processor, null));
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, int, int, int, BusInfo*, int>)Vtable.Entry(component, 8))(component, 0, 1, 0, null));
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, int, ParameterInfo*, int>)Vtable.Entry(controller, 9))(controller, 0, null));
        ParameterInfo info;
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, int, ParameterInfo*, int>)Vtable.Entry(controller, 9))(controller, 9999, &info));
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, uint, double, char*, int>)Vtable.Entry(controller, 10))(controller, 424242, 0.5, null));
        Assert.Equal(TResult.False, PluginInstance.Call(component, 12, IntPtr.Zero)); // setState(null)
        Assert.Equal(TResult.InvalidArgument, PluginInstance.Call(component, 13, IntPtr.Zero)); // getState(null)
        void** nothing = null;
        Tuid iid = Iids.Component;
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, void*, void**, int>)Vtable.Entry(component, 0))(component, &iid, nothing));
    }

    [Fact]
    public void A_process_call_with_more_frames_than_prepared_is_silent_not_fatal()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument, maxBlock: 64);
        var notes = new FakeEventList().NoteOn(0, 60, 1f);
        var output = plugin.Process(100, notes);
        notes.Release();
        Assert.All(output[0], s => Assert.Equal(0f, s));
        Assert.Contains(plugin.Process(64)[0], s => s == 0f);
    }

    [Fact]
    public void Setup_errors_are_codes()
    {
        using var factory = new Factory();
        IntPtr component = factory.Create(ClassIds.Processor(PluginKind.Instrument), Iids.Component);
        IntPtr processor = Vtable.Require(component, Iids.AudioProcessor);
        var setup = new ProcessSetup { SymbolicSampleSize = Vst.Sample32, MaxSamplesPerBlock = 128, SampleRate = 12 };
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, ProcessSetup*, int>)Vtable.Entry(processor, 7))(processor, &setup));
        setup.SampleRate = 48000;
        setup.SymbolicSampleSize = 7;
        Assert.Equal(TResult.InvalidArgument, ((delegate* unmanaged<IntPtr, ProcessSetup*, int>)Vtable.Entry(processor, 7))(processor, &setup));
        ulong quad = 0x33;
        ulong stereo = Vst.SpeakerStereo;
        Assert.Equal(TResult.False, ((delegate* unmanaged<IntPtr, ulong*, int, ulong*, int, int>)Vtable.Entry(processor, 3))(processor, null, 0, &quad, 1));
        // The instrument's one input is its sidechain: two inputs, or a quad one, are refused.
        ulong[] two = [stereo, stereo];
        fixed (ulong* inputs = two)
            Assert.Equal(TResult.False, ((delegate* unmanaged<IntPtr, ulong*, int, ulong*, int, int>)Vtable.Entry(processor, 3))(processor, inputs, 2, &stereo, 1));
        Assert.Equal(TResult.False, ((delegate* unmanaged<IntPtr, ulong*, int, ulong*, int, int>)Vtable.Entry(processor, 3))(processor, &quad, 1, &stereo, 1));
        Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, ulong*, int, ulong*, int, int>)Vtable.Entry(processor, 3))(processor, &stereo, 1, &stereo, 1));
        Vtable.Release(processor);
        Assert.Equal(0u, Vtable.Release(component));
    }
}
