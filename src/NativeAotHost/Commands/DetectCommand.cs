using System.Text.Json;
using Kws.Host.Audio;
using Kws.Host.Engines;
using Kws.Host.Output;
using Kws.Runtime;
using Kws.Runtime.Audio;
using Kws.Runtime.Detection;
using static System.FormattableString;

namespace Kws.Host.Commands;

/// <summary>
/// <c>kws detect &lt;long.wav&gt;</c>: keywords found in a long recording, with their times. The recording is read a
/// piece at a time through the same streaming core as <c>kws listen</c>, so memory does not grow with its length and
/// the detections are exactly those <c>kws listen</c> reports on the same audio.
/// </summary>
internal sealed class DetectCommand : ICommand
{
    /// <summary>The longest recording read: 24 hours (about three minutes of work at 500x real time).</summary>
    public const double MaxSeconds = 24 * 3600;

    public string Name => "detect";

    public string Summary => "keywords in a long recording, with times";

    public string Usage { get; } = $$"""
        usage: kws detect <long.wav> [--json] [--truth <words.json>] [--manifest <m.kws.json>] [detector options]

        Slides the model over a long recording (a look every 0.1 s), averages the probabilities over 0.5 s as
        TensorFlow Lite Micro's RecognizeCommands does, and prints each keyword found with its time in seconds (the
        centre of the best window) and its averaged score. Near-silent stretches are skipped. '-' reads standard
        input. The recording is streamed: memory stays flat, and kws listen reports the same detections. At most
        24 hours of audio.

        options:
          --json                    print one JSON object {"file", "seconds", "detections": [{"label", "seconds", "score"}]}
          --truth <words.json>      score the detections against the words spoken ({"words": [{"word", "start", "end"}]}):
                                    hits, misses and false alarms (a hit is the right word within 0.5 s of it)
          --manifest <m.kws.json>   use this manifest with the interpreter instead of the baked-in model
          -h, --help                show this help
        {{DetectorArguments.Help}}
        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var commandLine = ParsedArguments.Parse(Name, args, ["--manifest", "--truth", .. DetectorArguments.ValueOptions], ["--json"]);
        commandLine.ExpectPositionals(1, "the WAV file to scan");
        string file = commandLine.Positionals[0];
        DetectorOptions options = DetectorArguments.From(commandLine);
        IReadOnlyList<SpokenWord>? truth = commandLine.Option("--truth") is string truthPath ? ReadTruth(truthPath) : null;
        IKeywordModel model = ModelEngines.Open(commandLine.Option("--manifest"));
        var detections = new List<Detection>();
        double seconds;
        using (AudioStreamReader reader = AudioStreamInput.Open(file, raw: null))
        {
            try
            {
                seconds = new KeywordDetector(model, options).Listen(reader, detections.Add, MaxSeconds);
            }
            catch (WavFormatException e)
            {
                throw new InputException($"{AudioFile.Display(file)}: {e.Message}");
            }
        }
        DetectionScore? score = truth is null ? null : DetectionScore.Of(detections, truth);
        return CommandOutput.Print(output, commandLine.Flag("--json"), writer => WriteJson(writer, file, seconds, detections, score), () => WriteText(output, file, seconds, detections, score));
    }

    private static IReadOnlyList<SpokenWord> ReadTruth(string path)
    {
        try
        {
            return GroundTruth.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static void WriteText(TextWriter o, string file, double seconds, IReadOnlyList<Detection> detections, DetectionScore? score)
    {
        o.WriteLine(Invariant($"{file}: {seconds:0.00} s, {detections.Count} keyword{(detections.Count == 1 ? "" : "s")}"));
        foreach (Detection detection in detections)
        {
            o.WriteLine(Invariant($"  {detection.Seconds,7:0.00} s  {detection.Word,-10} {detection.Score:0.000}"));
        }
        if (score is not null)
        {
            o.WriteLine(Invariant($"against the truth: {score.Hits} of {score.Words} words found, {score.Misses} missed, {score.FalseAlarms} false alarm{(score.FalseAlarms == 1 ? "" : "s")}"));
        }
    }

    private static void WriteJson(Utf8JsonWriter w, string file, double seconds, IReadOnlyList<Detection> detections, DetectionScore? score)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteNumber("seconds", Math.Round(seconds, 3));
        w.WriteStartArray("detections");
        foreach (Detection detection in detections)
        {
            DetectionJson.Write(w, detection);
        }
        w.WriteEndArray();
        if (score is not null)
        {
            w.WriteStartObject("truth");
            w.WriteNumber("words", score.Words);
            w.WriteNumber("hits", score.Hits);
            w.WriteNumber("misses", score.Misses);
            w.WriteNumber("falseAlarms", score.FalseAlarms);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
