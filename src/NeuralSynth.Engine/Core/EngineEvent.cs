using System.Runtime.InteropServices;

namespace NeuralSynth.Engine.Core;

public enum EngineEventKind : byte
{
    NoteOn = 1,
    NoteOff,
    PitchBend,
    ControlChange,
    ChannelPressure,
    PolyPressure,
    AllNotesOff,
    AllSoundOff,
    Parameter,
}

/// <summary>
/// One timestamped event for the audio thread. A blittable value type so it travels through ring buffers and
/// host event lists without allocation. <see cref="SampleOffset"/> is relative to the start of the block.
/// </summary>
/// <param name="Value">Velocity 0..1 for notes, -1..1 for pitch bend, 0..1 for controllers and pressure,
/// the plain value for parameters.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct EngineEvent(int SampleOffset, EngineEventKind Kind, byte Channel, byte Data, float Value, int ParameterId)
{
    public static EngineEvent NoteOn(int offset, int note, float velocity, int channel = 0) =>
        new(offset, EngineEventKind.NoteOn, (byte)channel, (byte)Math.Clamp(note, 0, 127), Math.Clamp(velocity, 0f, 1f), 0);

    public static EngineEvent NoteOff(int offset, int note, float velocity = 0f, int channel = 0) =>
        new(offset, EngineEventKind.NoteOff, (byte)channel, (byte)Math.Clamp(note, 0, 127), Math.Clamp(velocity, 0f, 1f), 0);

    /// <param name="bend">-1..1, scaled by the bend-range parameter.</param>
    public static EngineEvent PitchBend(int offset, float bend, int channel = 0) =>
        new(offset, EngineEventKind.PitchBend, (byte)channel, 0, Math.Clamp(bend, -1f, 1f), 0);

    public static EngineEvent ControlChange(int offset, int controller, float value, int channel = 0) =>
        new(offset, EngineEventKind.ControlChange, (byte)channel, (byte)Math.Clamp(controller, 0, 127), Math.Clamp(value, 0f, 1f), 0);

    public static EngineEvent ChannelPressure(int offset, float pressure, int channel = 0) =>
        new(offset, EngineEventKind.ChannelPressure, (byte)channel, 0, Math.Clamp(pressure, 0f, 1f), 0);

    public static EngineEvent PolyPressure(int offset, int note, float pressure, int channel = 0) =>
        new(offset, EngineEventKind.PolyPressure, (byte)channel, (byte)Math.Clamp(note, 0, 127), Math.Clamp(pressure, 0f, 1f), 0);

    public static EngineEvent AllNotesOff(int offset) => new(offset, EngineEventKind.AllNotesOff, 0, 0, 0f, 0);

    public static EngineEvent AllSoundOff(int offset) => new(offset, EngineEventKind.AllSoundOff, 0, 0, 0f, 0);

    /// <summary>Sets a parameter to a plain (unnormalized) value at a sample offset.</summary>
    public static EngineEvent Parameter(int offset, int parameterId, float plainValue) =>
        new(offset, EngineEventKind.Parameter, 0, 0, plainValue, parameterId);
}

/// <summary>MIDI controller numbers the engine understands.</summary>
public static class MidiController
{
    public const int ModWheel = 1;
    public const int Volume = 7;
    public const int Expression = 11;
    public const int Sustain = 64;
    public const int AllSoundOff = 120;
    public const int ResetAllControllers = 121;
    public const int AllNotesOff = 123;
}
