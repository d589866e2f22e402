using System.Runtime.InteropServices;
using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// Native heap allocations on the audio thread (issue #17 item 3), counted by a malloc shim preloaded into
/// the test host (native/malloccount.c; build and run lines at its top),
/// where the shim exports <c>ns_count_begin()</c> / <c>long ns_count_end()</c> counting the calling thread's
/// malloc/calloc/realloc/posix_memalign/aligned_alloc calls. Without the shim the test only says so.
/// </summary>
public class NativeAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(DecoderRuntime.Managed)]
    [InlineData(DecoderRuntime.OnnxRuntime)]
    public unsafe void DecodedVoicesNativeHeapCallsPerBlock(DecoderRuntime runtime)
    {
        string? shim = Environment.GetEnvironmentVariable("NS_MALLOC_SHIM");
        if (shim is null || !File.Exists(shim))
        {
            output.WriteLine("NS_MALLOC_SHIM not set: native allocations not counted");
            return;
        }
        var library = NativeLibrary.Load(shim);
        var begin = (delegate* unmanaged<void>)NativeLibrary.GetExport(library, "ns_count_begin");
        var end = (delegate* unmanaged<long>)NativeLibrary.GetExport(library, "ns_count_end");

        using var source = DdspTimbreSource.Load(TestSupport.Decoder("violin"), runtime);
        var engine = new SynthEngine();
        engine.SetTimbreSource(source);
        engine.Prepare(48000, 64, 2);
        engine.Parameters.SetImmediate(SynthParameters.Polyphony, VoiceAllocator.MaxPolyphony);
        engine.Parameters.SetImmediate(SynthParameters.Sustain, 100);
        var buffers = new[] { new float[64], new float[64] };
        var block = new AudioBlock(buffers, 0, 64);
        var notes = new EngineEvent[64];
        for (int v = 0; v < 64; v++) notes[v] = EngineEvent.NoteOn(0, 40 + v % 40, 0.8f, channel: v / 40);
        engine.Process(block, notes);
        for (int round = 0; round < 4; round++)
        {
            Render(engine, block, 300);
            Thread.Sleep(200); // the JIT's tier-up of everything Process calls finishes (it allocates while it runs)
        }

        begin(); // once unmeasured: the first unmanaged calls compile their transition stubs (JIT mallocs)
        end();
        // The fewest calls over several windows: the JIT's one-off tier-up work (call counting, OSR) mallocs on
        // whichever thread trips it, which in a test host running other tests can still land in one window; a
        // per-block allocation shows in every window. (The plug-in is NativeAOT: no JIT at all.)
        const int blocks = 1000;
        long calls = long.MaxValue;
        for (int window = 0; window < 4; window++)
        {
            begin();
            Render(engine, block, blocks);
            calls = Math.Min(calls, end());
        }
        output.WriteLine($"{runtime}: {calls} native heap calls in {blocks} blocks of 64 samples ({(double)calls / blocks:0.0} per block; fewest of 4 windows), {engine.ActiveVoices} voices");
        if (runtime == DecoderRuntime.Managed) Assert.Equal(0, calls);
        else Assert.True(calls > 0, "the shim counted nothing for ONNX Runtime: is it preloaded?");
    }

    [Fact]
    public unsafe void TransferEffectMakesNoNativeHeapCalls()
    {
        string? shim = Environment.GetEnvironmentVariable("NS_MALLOC_SHIM");
        if (shim is null || !File.Exists(shim))
        {
            output.WriteLine("NS_MALLOC_SHIM not set: native allocations not counted");
            return;
        }
        var library = NativeLibrary.Load(shim);
        var begin = (delegate* unmanaged<void>)NativeLibrary.GetExport(library, "ns_count_begin");
        var end = (delegate* unmanaged<long>)NativeLibrary.GetExport(library, "ns_count_end");
        using var model = DecoderModel.Load(TestSupport.Decoder("violin"));
        using var processor = new NeuralSynth.Ddsp.Transfer.TimbreTransferProcessor(model);
        processor.Prepare(48000, 64, 2);
        var buffers = new[] { new float[64], new float[64] };
        long position = 0;
        for (int round = 0; round < 4; round++)
        {
            Transfer(processor, buffers, ref position, 300);
            Thread.Sleep(200);
        }
        begin();
        end();
        const int blocks = 1000;
        long calls = long.MaxValue;
        for (int window = 0; window < 4; window++) // fewest over windows, as above
        {
            begin();
            Transfer(processor, buffers, ref position, blocks);
            calls = Math.Min(calls, end());
        }
        output.WriteLine($"transfer effect: {calls} native heap calls in {blocks} blocks of 64 samples (fewest of 4 windows)");
        Assert.Equal(0, calls);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Transfer(NeuralSynth.Ddsp.Transfer.TimbreTransferProcessor processor, float[][] buffers, ref long position, int blocks)
    {
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < 64; i++, position++) buffers[0][i] = buffers[1][i] = 0.3f * MathF.Sin(2 * MathF.PI * 330f * position / 48000f);
            processor.Process(new AudioBlock(buffers, 0, 64));
        }
    }

    /// <summary>Fully optimized at its first call: a tiered loop would be replaced on stack (OSR) mid-measurement,
    /// and that JIT work mallocs on this thread.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Render(SynthEngine engine, AudioBlock block, int blocks)
    {
        for (int i = 0; i < blocks; i++) engine.Process(block, ReadOnlySpan<EngineEvent>.Empty);
    }
}
