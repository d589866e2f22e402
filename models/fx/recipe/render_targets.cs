#:project ../../../src/NeuralSynth.Neural/NeuralSynth.Neural.csproj
#:property Optimize=true
// Renders training targets through the C# reference DSP (src/NeuralSynth.Neural/Reference), so the effect
// has exactly one definition. Usage:
//   dotnet run render_targets.cs -- <effect> <segment-length> <input.f32> <knobs.f32> <output.f32>
// input.f32: N segments of raw little-endian float32 audio at 48 kHz; knobs.f32: N x knob-count floats (0..1).
// Each segment is rendered from a reset effect with its own constant knobs.
using System.Runtime.InteropServices;
using NeuralSynth.Neural.Reference;

if (args.Length != 5) { Console.Error.WriteLine("usage: render_targets <effect> <segment-length> <input.f32> <knobs.f32> <output.f32>"); return 2; }
var effect = ReferenceEffects.Create(args[0], 48000);
int length = int.Parse(args[1]);
float[] audio = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(args[2])).ToArray();
float[] knobs = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(args[3])).ToArray();
int knobCount = effect.KnobNames.Count;
int segments = audio.Length / length;
if (segments * length != audio.Length || knobs.Length != segments * knobCount) { Console.Error.WriteLine("size mismatch"); return 1; }
var output = new float[audio.Length];
for (int s = 0; s < segments; s++)
{
    for (int k = 0; k < knobCount; k++) effect.SetKnob(k, knobs[s * knobCount + k]);
    effect.Reset();
    effect.Process(audio.AsSpan(s * length, length), output.AsSpan(s * length, length));
}
File.WriteAllBytes(args[4], MemoryMarshal.AsBytes(output.AsSpan()).ToArray());
Console.WriteLine($"{args[0]}: rendered {segments} segments of {length} samples");
return 0;
