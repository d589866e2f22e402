using System.CommandLine;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Imaging;
using NeuralSynth.Transcription;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>transcribe in.wav -o out.mid</c>: audio to MIDI with Basic Pitch.</summary>
public static class TranscribeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "WAV file (any rate, mixed to mono)" };
        var output = new Option<string>("--output", "-o") { Description = "MIDI file to write", Required = true };
        var onset = new Option<double>("--onset-threshold") { Description = "note onset threshold 0..1", DefaultValueFactory = _ => 0.5 };
        var frame = new Option<double>("--frame-threshold") { Description = "note frame threshold 0..1", DefaultValueFactory = _ => 0.3 };
        var minNote = new Option<double>("--min-note-ms") { Description = "shortest note kept, in ms", DefaultValueFactory = _ => 127.70 };
        var noBends = new Option<bool>("--no-pitch-bends") { Description = "do not write pitch bends" };
        var provider = new Option<string>("--provider") { Description = "ONNX execution provider: cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var pianoRoll = new Option<string?>("--pianoroll") { Description = "also draw the notes as a PNG piano roll" };

        var command = new Command("transcribe", "Transcribe audio to MIDI (Basic Pitch)")
        {
            input, output, onset, frame, minNote, noBends, provider, pianoRoll,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            double onsetThreshold = parse.GetValue(onset), frameThreshold = parse.GetValue(frame), minNoteMs = parse.GetValue(minNote);
            if (onsetThreshold is <= 0 or >= 1) throw new InvalidInputException($"--onset-threshold {onsetThreshold}: must be between 0 and 1");
            if (frameThreshold is <= 0 or >= 1) throw new InvalidInputException($"--frame-threshold {frameThreshold}: must be between 0 and 1");
            if (minNoteMs is < 0 or > 10000) throw new InvalidInputException($"--min-note-ms {minNoteMs}: must be 0..10000");
            string executionProvider = parse.GetValue(provider)!.Trim().ToLowerInvariant();
            if (!NeuralSynth.Onnx.OnnxSessionFactory.Providers.Contains(executionProvider))
                throw new InvalidInputException($"--provider {executionProvider}: must be one of {string.Join(", ", NeuralSynth.Onnx.OnnxSessionFactory.Providers)}");

            var audio = AudioFile.Read(parse.GetValue(input)!);
            string model = Path.Combine(ProductPaths.Models, "basic-pitch", "nmp.onnx");
            var options = new BasicPitchOptions
            {
                OnsetThreshold = onsetThreshold,
                FrameThreshold = frameThreshold,
                MinimumNoteLengthMs = minNoteMs,
                IncludePitchBends = !parse.GetValue(noBends),
                Provider = executionProvider,
            };
            TranscriptionResult result;
            using (var transcriber = new BasicPitchTranscriber(model, options))
                result = ProgressBar.Run("transcribing", progress => transcriber.Transcribe(audio.Mono(), audio.SampleRate, progress));

            string path = parse.GetValue(output)!;
            BasicPitchTranscriber.WriteMidi(result.Notes, path);
            string? roll = parse.GetValue(pianoRoll);
            if (roll != null && result.Notes.Count > 0)
                PianoRoll.WritePng(result.Notes.Select(n => new PianoRollNote(n.StartSeconds, n.EndSeconds, n.MidiPitch, (float)n.Amplitude)).ToList(), roll);
            Console.WriteLine($"wrote {path}: {result.Notes.Count} notes from {audio.DurationSeconds:0.00} s of audio");
            return 0;
        }));
        return command;
    }
}
