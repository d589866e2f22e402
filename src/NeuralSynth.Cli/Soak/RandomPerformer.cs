using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Cli.Soak;

/// <summary>
/// Plays like a restless user: notes on and off, pedal, bends, controllers and parameter automation at random
/// sample offsets, written into a preallocated buffer. Seeded, and allocation-free so it can run on the
/// audio thread it is testing.
/// </summary>
public sealed class RandomPerformer
{
    private readonly Random _random;
    private readonly ParameterRegistry _parameters;
    private readonly bool[] _held = new bool[128];
    private readonly EngineEvent[] _events = new EngineEvent[64];

    public RandomPerformer(int seed, ParameterRegistry parameters)
    {
        _random = new Random(seed);
        _parameters = parameters;
    }

    /// <summary>Events for a block of <paramref name="length"/> samples, sorted by offset.</summary>
    public ReadOnlySpan<EngineEvent> NextBlock(int length)
    {
        int count = _random.Next(0, Math.Min(_events.Length, 2 + length / 16));
        for (int i = 0; i < count; i++) _events[i] = NextEvent(_random.Next(length));
        // Insertion sort: Array.Sort with a comparer allocates a delegate, and this runs on the audio thread.
        for (int i = 1; i < count; i++)
        {
            var e = _events[i];
            int j = i - 1;
            while (j >= 0 && _events[j].SampleOffset > e.SampleOffset) { _events[j + 1] = _events[j]; j--; }
            _events[j + 1] = e;
        }
        return _events.AsSpan(0, count);
    }

    /// <summary>A random automation change of any parameter, in plain units.</summary>
    public EngineEvent RandomAutomation(int offset)
    {
        var spec = _parameters[_random.Next(_parameters.Count)];
        return EngineEvent.Parameter(offset, spec.Id, spec.ToPlain(_random.NextDouble()));
    }

    /// <summary>A random automation change drawn from another thread's generator (for the UI thread).</summary>
    public EngineEvent RandomAutomationFor(Random random, ParameterRegistry registry)
    {
        var spec = registry[random.Next(registry.Count)];
        return EngineEvent.Parameter(0, spec.Id, spec.ToPlain(random.NextDouble()));
    }

    private EngineEvent NextEvent(int offset)
    {
        int roll = _random.Next(100);
        if (roll < 35)
        {
            int note = 24 + _random.Next(80);
            _held[note] = true;
            return EngineEvent.NoteOn(offset, note, 0.1f + 0.9f * (float)_random.NextDouble(), _random.Next(4));
        }
        if (roll < 70)
        {
            int note = 24 + _random.Next(80);
            _held[note] = false;
            return EngineEvent.NoteOff(offset, note, 0f, _random.Next(4));
        }
        if (roll < 78) return EngineEvent.PitchBend(offset, (float)(_random.NextDouble() * 2 - 1));
        if (roll < 84) return EngineEvent.ControlChange(offset, MidiController.ModWheel, (float)_random.NextDouble());
        if (roll < 88) return EngineEvent.ControlChange(offset, MidiController.Sustain, _random.Next(2));
        if (roll < 91) return EngineEvent.ControlChange(offset, MidiController.Expression, (float)_random.NextDouble());
        if (roll < 93) return EngineEvent.ChannelPressure(offset, (float)_random.NextDouble());
        if (roll < 94) return EngineEvent.AllNotesOff(offset);
        return RandomAutomation(offset);
    }
}
