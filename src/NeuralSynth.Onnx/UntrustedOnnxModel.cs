using NeuralSynth.Engine;
using NeuralSynth.Engine.Security;

namespace NeuralSynth.Onnx;

/// <summary>
/// Vets an ONNX file before ONNX Runtime opens it: bounded size, and every external-data reference must name a
/// bounded file inside the model's own folder (<see cref="UntrustedModelFolder"/>'s rules).
/// </summary>
public static class UntrustedOnnxModel
{
    public static void Check(string onnxPath)
    {
        string name = Path.GetFileName(onnxPath);
        var info = UntrustedModelFolder.RequireFile(onnxPath, UntrustedModelFolder.MaxModelBytes, name, "file");
        byte[] bytes = File.ReadAllBytes(info.FullName);
        IReadOnlyList<string> locations;
        try
        {
            locations = OnnxExternalData.Locations(bytes);
        }
        catch (FormatException e)
        {
            throw new InvalidInputException($"{name}: file: is not a valid ONNX model ({e.Message})");
        }
        string folder = info.DirectoryName!;
        foreach (string location in locations)
        {
            string resolved = UntrustedModelFolder.Resolve(folder, location, name, "external_data.location");
            UntrustedModelFolder.RequireFile(resolved, UntrustedModelFolder.MaxModelBytes, name, "external_data.location");
        }
    }
}
