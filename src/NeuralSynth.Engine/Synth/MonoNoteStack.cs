namespace NeuralSynth.Engine.Synth;

/// <summary>Held keys in press order for mono/legato modes (last-note priority), fixed capacity, no allocation.</summary>
internal sealed class MonoNoteStack
{
    private readonly int[] _notes = new int[128];
    private readonly float[] _velocities = new float[128];

    public int Count { get; private set; }
    public int Top => Count > 0 ? _notes[Count - 1] : -1;
    public float TopVelocity => Count > 0 ? _velocities[Count - 1] : 0f;

    public void Push(int note, float velocity)
    {
        Remove(note);
        if (Count == _notes.Length) return;
        _notes[Count] = note;
        _velocities[Count] = velocity;
        Count++;
    }

    public void Remove(int note)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_notes[i] != note) continue;
            Array.Copy(_notes, i + 1, _notes, i, Count - i - 1);
            Array.Copy(_velocities, i + 1, _velocities, i, Count - i - 1);
            Count--;
            return;
        }
    }

    public void Clear() => Count = 0;
}
