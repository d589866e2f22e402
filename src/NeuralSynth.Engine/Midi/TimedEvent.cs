using NeuralSynth.Engine.Core;

namespace NeuralSynth.Engine.Midi;

/// <summary>An engine event at an absolute time in seconds (its own SampleOffset is unused until scheduled).</summary>
public readonly record struct TimedEvent(double Seconds, EngineEvent Event);
