using NeuralSynth.Engine;
using NeuralSynth.Engine.Security;
using Xunit;

namespace NeuralSynth.Robustness.Tests;

public class UntrustedModelFolderTests
{
    private static string NewFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"ns-models-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Theory]
    [InlineData("../outside.onnx", "may not contain '..'")]
    [InlineData("a/../../outside.onnx", "may not contain '..'")]
    [InlineData("/etc/passwd", "must be relative")]
    [InlineData("C:/Windows/win.ini", "must be relative")]
    [InlineData("sub\\file", "must be relative")]
    [InlineData("", "empty")]
    public void PathsLeavingTheFolderAreRefused(string relative, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => UntrustedModelFolder.Resolve(NewFolder(), relative, "manifest.json", "decoder"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("manifest.json: decoder: ", e.Message);
    }

    [Fact]
    public void SymlinkPointingOutsideIsRefused()
    {
        string folder = NewFolder();
        File.CreateSymbolicLink(Path.Combine(folder, "model.onnx"), "/etc/hostname");
        var e = Assert.Throws<InvalidInputException>(() => UntrustedModelFolder.Resolve(folder, "model.onnx", "manifest.json", "decoder"));
        Assert.Contains("link that leaves", e.Message);
    }

    [Fact]
    public void OversizedFileIsRefusedBeforeReading()
    {
        string folder = NewFolder();
        string path = Path.Combine(folder, "big.bin");
        using (var f = File.Create(path)) f.SetLength(2048);
        var e = Assert.Throws<InvalidInputException>(() => UntrustedModelFolder.RequireFile(path, 1024, "m.json", "weights"));
        Assert.Contains("over the 1024 byte limit", e.Message);
    }

    [Fact]
    public void OnnxWithExternalDataOutsideItsFolderIsRefused()
    {
        string folder = NewFolder();
        string path = Path.Combine(folder, "evil.onnx");
        File.WriteAllBytes(path, OnnxBuilder.ModelWithExternalInitializer("../../../etc/shadow"));
        var e = Assert.Throws<InvalidInputException>(() => NeuralSynth.Onnx.UntrustedOnnxModel.Check(path));
        Assert.Contains("external_data.location", e.Message);
        Assert.Contains("may not contain '..'", e.Message);
    }

    [Fact]
    public void OnnxWithAbsoluteExternalDataIsRefused()
    {
        string folder = NewFolder();
        string path = Path.Combine(folder, "evil.onnx");
        File.WriteAllBytes(path, OnnxBuilder.ModelWithExternalInitializer("/etc/shadow"));
        Assert.Throws<InvalidInputException>(() => NeuralSynth.Onnx.UntrustedOnnxModel.Check(path));
    }

    [Fact]
    public void OnnxWithExternalDataInsideItsFolderIsAccepted()
    {
        string folder = NewFolder();
        File.WriteAllBytes(Path.Combine(folder, "weights.bin"), new byte[16]);
        string path = Path.Combine(folder, "ok.onnx");
        File.WriteAllBytes(path, OnnxBuilder.ModelWithExternalInitializer("weights.bin"));
        NeuralSynth.Onnx.UntrustedOnnxModel.Check(path);
    }

    [Fact]
    public void ShippedOnnxModelsPassTheCheck()
    {
        var models = Directory.EnumerateFiles(Path.Combine(Corpus.Root, "models"), "*.onnx", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(models);
        foreach (var model in models) NeuralSynth.Onnx.UntrustedOnnxModel.Check(model);
    }

    [Fact]
    public void TruncatedOnnxIsRefusedClearly()
    {
        string folder = NewFolder();
        string path = Path.Combine(folder, "cut.onnx");
        byte[] model = OnnxBuilder.ModelWithExternalInitializer("weights.bin");
        File.WriteAllBytes(path, model[..(model.Length - 5)]);
        var e = Assert.Throws<InvalidInputException>(() => NeuralSynth.Onnx.UntrustedOnnxModel.Check(path));
        Assert.Contains("not a valid ONNX model", e.Message);
    }
}
