using System.Text.Json;
using Kws.Host.Audio;
using Kws.Host.Engines;
using Kws.Host.Output;
using Kws.Runtime;
using Kws.Runtime.Detection;
using static System.FormattableString;

namespace Kws.Host.Commands;

/// <summary><c>kws detect &lt;long.wav&gt;</c>: keywords found in a long recording, with their times.</summary>
internal sealed class DetectCommand : ICommand
{
    public string Name => "detect";

    public string Summary => "keywords in a long recording, with times";

    public string Usage => """
        usage: kws detect <long.wav> [--json] [--manifest <m.kws.json>]

        Slides the model over a long recording (a window every 0.1 s), averages the probabilities over 0.5 s as
        TensorFlow Lite Micro's RecognizeCommands does, and prints each keyword found with its time in seconds (the
        centre of the best window) and its averaged score. Near-silent stretches are skipped. '-' reads standard input.

        options:
          --json                    print one JSON object {"file", "detections": [{"label", "seconds", "score"}]}
          --manifest <m.kws.json>   use this manifest with the interpreter instead of the baked-in model
          -h, --help                show this help

        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var commandLine = ParsedArguments.Parse(Name, args, ["--manifest"], ["--json"]);
        commandLine.ExpectPositionals(1, "the WAV file to scan");
        string file = commandLine.Positionals[0];
        IKeywordModel model = ModelEngines.Open(commandLine.Option("--manifest"));
        float[] signal = new ModelInput(model).ReadWhole(file);
        IReadOnlyList<Detection> detections = new KeywordDetector(model).Detect(signal);
        double seconds = (double)signal.Length / model.SampleRate;
        return CommandOutput.Print(output, commandLine.Flag("--json"), writer => WriteJson(writer, file, seconds, detections), () => WriteText(output, file, seconds, detections));
    }

    private static void WriteText(TextWriter o, string file, double seconds, IReadOnlyList<Detection> detections)
    {
        o.WriteLine(Invariant($"{file}: {seconds:0.00} s, {detections.Count} keyword{(detections.Count == 1 ? "" : "s")}"));
        foreach (Detection detection in detections)
        {
            o.WriteLine(Invariant($"  {detection.Seconds,7:0.00} s  {detection.Word,-10} {detection.Score:0.000}"));
        }
    }

    private static void WriteJson(Utf8JsonWriter w, string file, double seconds, IReadOnlyList<Detection> detections)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteNumber("seconds", Math.Round(seconds, 3));
        w.WriteStartArray("detections");
        foreach (Detection detection in detections)
        {
            w.WriteStartObject();
            w.WriteString("label", detection.Word);
            w.WriteNumber("seconds", Math.Round(detection.Seconds, 3));
            w.WriteNumber("score", Math.Round(detection.Score, 4));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
