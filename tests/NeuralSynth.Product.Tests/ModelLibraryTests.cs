using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Tests;

public sealed class ModelLibraryTests
{
    [Fact]
    public void The_shipped_models_are_listed_by_kind_and_nothing_else()
    {
        var library = Repository.Library;
        string[] Of(EffectModelKind kind) => library.Effects.Where(e => e.Kind == kind).Select(e => e.Reference).ToArray();
        Assert.Equal(["nam-a2/A2.nam", "nam/ac10.nam", "nam/deluxe.nam", "nam/dumble.nam", "nam/lstm.nam", "nam/wavenet.nam", "nam/wavenet_a1_standard.nam"], Of(EffectModelKind.Nam));
        Assert.Equal(["fx/compressor/model.json", "fx/overdrive/model.json"], Of(EffectModelKind.SequenceJson));
        Assert.Equal(["fx/compressor/model.onnx", "fx/overdrive/model.onnx"], Of(EffectModelKind.Onnx));
        Assert.Contains("rave/fluid-small", Of(EffectModelKind.Rave));
        Assert.Equal(["ddsp/cello", "ddsp/clarinet", "ddsp/flute", "ddsp/trumpet", "ddsp/violin", "ddsp/voice"], Of(EffectModelKind.DdspTransfer));
        // The generator, Basic Pitch and the recipes' files are not effects.
        Assert.DoesNotContain(library.Effects, e => e.Reference.StartsWith("generator") || e.Reference.StartsWith("basic-pitch") || e.Reference.Contains("recipe"));
        Assert.Equal(library.Decoders, library.Effects.Where(e => e.Kind == EffectModelKind.DdspTransfer));
        Assert.Contains(library.Effects, e => e.DisplayName == "Capture: overdrive");
        Assert.Contains(library.Effects, e => e.DisplayName == "NAM: dumble");
    }

    [Fact]
    public void User_folders_come_after_the_bundled_ones_and_cannot_shadow_them()
    {
        string home = Directory.CreateTempSubdirectory("ns-home-").FullName;
        string extra = Directory.CreateTempSubdirectory("ns-extra-").FullName;
        try
        {
            string user = Path.Combine(home, ".local", "share", "NeuralSynth", "models");
            Directory.CreateDirectory(Path.Combine(user, "nam"));
            File.Copy(Path.Combine(Repository.Models, "nam", "lstm.nam"), Path.Combine(user, "nam", "my-amp.nam"));
            File.Copy(Path.Combine(Repository.Models, "nam", "lstm.nam"), Path.Combine(user, "nam", "dumble.nam")); // same name as a bundled one
            File.Copy(Path.Combine(Repository.Models, "nam", "lstm.nam"), Path.Combine(extra, "other.nam"));
            var environment = new Dictionary<string, string?> { ["HOME"] = home, [ModelRoots.PathVariable] = extra + Path.PathSeparator + "/does/not/exist" };
            var roots = ModelRoots.Discover(Repository.Models, name => environment.GetValueOrDefault(name));
            Assert.Equal([Repository.Models, user, extra], roots.Select(r => r.Path));
            Assert.Equal([false, true, true], roots.Select(r => r.IsUser));

            var library = ModelLibrary.Scan(roots);
            var mine = Assert.Single(library.Effects, e => e.Reference == "nam/my-amp.nam");
            Assert.Equal("NAM: my-amp (user)", mine.DisplayName);
            Assert.Contains(library.Effects, e => e.Reference == "other.nam" && e.Root.Path == extra);
            var dumble = Assert.Single(library.Effects, e => e.Reference == "nam/dumble.nam");
            Assert.False(dumble.Root.IsUser);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            Directory.Delete(extra, recursive: true);
        }
    }

    [Fact]
    public void Xdg_data_home_wins_over_home()
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = "/home/a", ["XDG_DATA_HOME"] = "/data/b" };
        string? folder = ModelRoots.UserFolder(name => environment.GetValueOrDefault(name));
        Assert.Equal(Path.Combine("/data/b", "NeuralSynth", "models"), folder);
    }

    [Fact]
    public void Fingerprints_follow_the_bytes()
    {
        string folder = Directory.CreateTempSubdirectory("ns-hash-").FullName;
        try
        {
            string file = Path.Combine(folder, "amp.nam");
            File.Copy(Path.Combine(Repository.Models, "nam", "lstm.nam"), file);
            var root = new ModelRoot(folder, true);
            string before = new ModelEntry(EffectModelKind.Nam, "amp", root, "amp.nam", file).Sha256;
            Assert.Equal(64, before.Length);
            Assert.Equal(before, new ModelEntry(EffectModelKind.Nam, "amp", root, "amp.nam", file).Sha256);
            File.AppendAllText(file, " ");
            Assert.NotEqual(before, new ModelEntry(EffectModelKind.Nam, "amp", root, "amp.nam", file).Sha256);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
