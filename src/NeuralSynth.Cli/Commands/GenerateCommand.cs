using NeuralSynth.Generation.Api;
using System.CommandLine;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Generation;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>generate --bars 16 -o out.mid</c>: composes with the attribute-conditioned transformer.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var bars = new Option<int>("--bars") { Description = "bars to generate (after the primer)", DefaultValueFactory = _ => 16 };
        var key = new Option<string?>("--key") { Description = "tonic, e.g. D, F#, Bb (also forbids out-of-key notes)" };
        var mode = new Option<string?>("--mode") { Description = "major or minor" };
        var tempo = new Option<double?>("--tempo") { Description = "beats per minute" };
        var emotion = new Option<string?>("--emotion") { Description = "happy, calm, sad or tense" };
        var density = new Option<int?>("--density") { Description = "note density 0 (sparse) .. 5 (busy)" };
        var temperature = new Option<float>("--temperature") { DefaultValueFactory = _ => 0.9f };
        var topP = new Option<float>("--top-p") { DefaultValueFactory = _ => 0.95f };
        var topK = new Option<int>("--top-k") { Description = "0 = off", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1UL };
        var primer = new Option<string?>("--primer") { Description = "MIDI file to continue" };
        var theme = new Option<string?>("--theme") { Description = "MIDI motif that recurs every --theme-every bars" };
        var themeEvery = new Option<int>("--theme-every") { DefaultValueFactory = _ => 4 };
        var output = new Option<string?>("--output", "-o") { Description = "MIDI file to write (required unless --evaluate or --judge)" };
        var evaluate = new Option<int?>("--evaluate")
        {
            Description = "controllability: generate N seeds per setting (tonics x 4 emotions x 2 densities), re-extract key+mode, density, valence and arousal, print accuracy",
        };
        var tonics = new Option<string>("--tonics") { Description = "tonics for --evaluate, comma-separated", DefaultValueFactory = _ => "C,D,F#,A" };
        var judge = new Option<string?>("--judge") { Description = "judge the MIDI files in this folder, named like A-Sad-d2-s3.mid, with the same extractor" };
        var model = new Option<string?>("--model") { Description = "model.onnx to use instead of the shipped generator (its manifest.json beside it)" };
        var densityGuidance = new Option<float>("--density-guidance")
        {
            Description = "sampling nudge toward the density bin (0 = the model alone)", DefaultValueFactory = _ => GenerationRequest.DefaultDensityGuidance,
        };
        var tonicBias = new Option<float>("--tonic-bias")
        {
            Description = "sampling bonus for the tonic in the bass of strong beats when --key is given (0 = the model alone)",
            DefaultValueFactory = _ => GenerationRequest.DefaultTonicBias,
        };
        var motifGuidance = new Option<float>("--motif-guidance")
        {
            Description = "with --primer: pull toward re-stating the primer's opening melody every 2 continued bars (0 = the primer is only a prompt)",
            DefaultValueFactory = _ => GenerationRequest.DefaultMotifGuidance,
        };
        var piecesDir = new Option<string?>("--pieces") { Description = "with --evaluate: also write each piece as MIDI here" };
        var render = new Option<string?>("--render") { Description = "also render the piece through the synth to this WAV" };
        var preset = new Option<string>("--preset") { Description = "preset for --render", DefaultValueFactory = _ => RenderCommand.DefaultPreset };
        var pianoRoll = new Option<string?>("--pianoroll") { Description = "also draw a piano roll PNG" };

        var command = new Command("generate", "Compose MIDI with the symbolic transformer")
        {
            bars, key, mode, tempo, emotion, density, temperature, topP, topK, seed, primer, theme, themeEvery, output, render, preset, pianoRoll,
            evaluate, tonics, judge, piecesDir, model, densityGuidance, tonicBias, motifGuidance,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(judge) is string folder)
                return EvaluateControls.Judge(folder, parse.GetValue(bars));
            if (parse.GetValue(evaluate) is int seeds)
                return EvaluateControls.Run(seeds, parse.GetValue(tonics)!, parse.GetValue(bars), parse.GetValue(piecesDir),
                    new GenerationRequest(Temperature: parse.GetValue(temperature), TopP: parse.GetValue(topP), TopK: parse.GetValue(topK),
                        ModelPath: parse.GetValue(model), DensityGuidance: parse.GetValue(densityGuidance), TonicBias: parse.GetValue(tonicBias)));
            if (parse.GetValue(output) is null) throw new InvalidInputException("--output is required");
            var request = new GenerationRequest(
                Bars: parse.GetValue(bars), Key: parse.GetValue(key), Mode: parse.GetValue(mode), Tempo: parse.GetValue(tempo),
                Emotion: parse.GetValue(emotion), Temperature: parse.GetValue(temperature), Seed: parse.GetValue(seed),
                PrimerMidiPath: parse.GetValue(primer), Density: parse.GetValue(density), TopP: parse.GetValue(topP),
                TopK: parse.GetValue(topK), ThemeMidiPath: parse.GetValue(theme), ThemeEveryBars: parse.GetValue(themeEvery),
                ModelPath: parse.GetValue(model), DensityGuidance: parse.GetValue(densityGuidance), TonicBias: parse.GetValue(tonicBias),
                MotifGuidance: parse.GetValue(motifGuidance));
            foreach (var path in new[] { request.PrimerMidiPath, request.ThemeMidiPath })
                if (path != null && !File.Exists(path)) throw new InvalidInputException($"{path}: file not found");

            request.Validate();
            GeneratedPiece piece = ProgressBar.Run("composing", _ => SymbolicGenerator.Run(request));

            string midiPath = parse.GetValue(output)!;
            piece.WriteMidi(midiPath);
            Console.WriteLine($"wrote {midiPath}: {piece.GeneratedBars} bars in {piece.Key} at {piece.TempoBpm:0} BPM, {piece.Score.Notes.Count} notes ({piece.Elapsed.TotalSeconds:0.0} s)");
            if (parse.GetValue(pianoRoll) is string roll)
            {
                piece.WritePianoRoll(roll);
                Console.WriteLine($"wrote {roll}");
            }
            if (parse.GetValue(render) is string wav)
            {
                var audio = RenderCommand.Execute(new RenderCommand.RenderOptions(midiPath, wav, parse.GetValue(preset)!, 48000, 128, WavSampleFormat.Float32, null));
                Console.WriteLine($"wrote {wav}: {audio.DurationSeconds:0.00} s");
            }
            return 0;
        }));
        return command;
    }
}
