using System.Text.Json;
using Kws.Host.Engines;
using Kws.Host.Output;
using Kws.Runtime;
using Kws.Runtime.Audio;
using Kws.Runtime.Evaluation;
using static System.FormattableString;

namespace Kws.Host.Commands;

/// <summary><c>kws eval &lt;dir&gt;</c>: the Runtime's <see cref="FolderEvaluator"/> on this device, as a table or JSON.</summary>
internal sealed class EvalCommand : ICommand
{
    public string Name => "eval";

    public string Summary => "accuracy over <dir>/<label>/*.wav";

    public string Usage => """
        usage: kws eval <dir> [--json] [--manifest <m.kws.json>]

        Classifies every WAV file under <dir>/<label>/ (one sub-folder per label, named as the model's labels) and
        prints the seed's table (model size, accuracy, inference time) plus per-class accuracy and the confusion
        matrix. Inference time is the model alone, not WAV decoding. A progress bar goes to stderr when stderr is a
        terminal.

        options:
          --json                    print one JSON object: {"model", "engine", "simd", "files", "correct", "accuracy",
                                    "weightBytes", "scratchBytes", "binaryBytes", "medianInferenceMicroseconds",
                                    "meanInferenceMicroseconds", "p95InferenceMicroseconds",
                                    "perClass": [{"label", "files", "correct", "accuracy"}],
                                    "confusion": {"labels", "matrix"}} (rows: true label, columns: predicted)
          --manifest <m.kws.json>   evaluate this manifest with the interpreter instead of the baked-in model
          -h, --help                show this help

        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var commandLine = ParsedArguments.Parse(Name, args, ["--manifest"], ["--json"]);
        commandLine.ExpectPositionals(1, "the folder to evaluate");
        string folder = commandLine.Positionals[0];
        if (File.Exists(folder))
        {
            throw new InputException($"{folder}: is a file; kws eval wants a folder with one sub-folder per label");
        }
        string? manifestPath = commandLine.Option("--manifest");
        IKeywordModel model = ModelEngines.Open(manifestPath);
        EvaluationReport report;
        try
        {
            using ProgressBar progress = ProgressBar.ForConsole("files");
            report = FolderEvaluator.Evaluate(model, folder, progress.Report);
        }
        catch (Exception e) when (e is EvaluationException or WavFormatException)
        {
            throw new InputException(e.Message);
        }
        string engine = manifestPath is null ? "generated" : "interpreted";
        return CommandOutput.Print(output, commandLine.Flag("--json"), writer => WriteJson(writer, report, engine), () => WriteText(output, report, engine));
    }

    private static void WriteText(TextWriter o, EvaluationReport r, string engine)
    {
        o.WriteLine(Invariant($"model           {r.Model} ({engine}, {r.SimdPath})"));
        o.WriteLine(Invariant($"model size      {r.WeightBytes / 1024.0:0.00} KB of weights, {r.ScratchBytes / 1024.0:0.00} KB scratch; binary {BuildFacts.BinaryBytes / (1024.0 * 1024.0):0.00} MB"));
        o.WriteLine(Invariant($"accuracy        {r.Accuracy * 100:0.00}% ({r.Correct}/{r.Clips.Count} files)"));
        o.WriteLine(Invariant($"inference time  {r.MedianMicroseconds / 1000:0.000} ms median, {r.MeanMicroseconds / 1000:0.000} ms mean, {r.P95Microseconds / 1000:0.000} ms p95"));
        o.WriteLine();

        // PerClass is in label order, one entry per label.
        var present = Enumerable.Range(0, r.Labels.Count).Where(t => r.PerClass[t].Clips > 0).ToList();
        var predicted = Enumerable.Range(0, r.Labels.Count).Where(p => present.Any(t => r.Confusion[t, p] > 0)).ToList();
        int width = Math.Max(5, present.Concat(predicted).Max(l => r.Labels[l].Length));
        o.WriteLine("per class");
        o.WriteLine(Invariant($"  {"label".PadRight(width)}  files  correct  accuracy"));
        foreach (ClassAccuracy c in r.PerClass.Where(c => c.Clips > 0))
        {
            o.WriteLine(Invariant($"  {c.Label.PadRight(width)}  {c.Clips,5}  {c.Correct,7}  {c.Accuracy * 100,7:0.0}%"));
        }
        o.WriteLine();
        o.WriteLine("confusion matrix (rows: true label, columns: predicted label; labels that occur)");
        o.WriteLine("  " + "".PadRight(width) + string.Concat(predicted.Select(p => " " + r.Labels[p].PadLeft(width))));
        foreach (int t in present)
        {
            o.WriteLine("  " + r.Labels[t].PadRight(width) + string.Concat(predicted.Select(p => " " + Invariant($"{r.Confusion[t, p]}").PadLeft(width))));
        }
    }

    private static void WriteJson(Utf8JsonWriter w, EvaluationReport r, string engine)
    {
        w.WriteStartObject();
        w.WriteString("model", r.Model);
        w.WriteString("engine", engine);
        w.WriteString("simd", r.SimdPath);
        w.WriteNumber("files", r.Clips.Count);
        w.WriteNumber("correct", r.Correct);
        w.WriteNumber("accuracy", r.Accuracy);
        w.WriteNumber("weightBytes", r.WeightBytes);
        w.WriteNumber("scratchBytes", r.ScratchBytes);
        w.WriteNumber("binaryBytes", BuildFacts.BinaryBytes);
        w.WriteNumber("medianInferenceMicroseconds", Math.Round(r.MedianMicroseconds, 2));
        w.WriteNumber("meanInferenceMicroseconds", Math.Round(r.MeanMicroseconds, 2));
        w.WriteNumber("p95InferenceMicroseconds", Math.Round(r.P95Microseconds, 2));
        w.WriteStartArray("perClass");
        foreach (ClassAccuracy c in r.PerClass.Where(c => c.Clips > 0))
        {
            w.WriteStartObject();
            w.WriteString("label", c.Label);
            w.WriteNumber("files", c.Clips);
            w.WriteNumber("correct", c.Correct);
            w.WriteNumber("accuracy", c.Accuracy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("confusion");
        JsonOutput.WriteStrings(w, "labels", r.Labels);
        w.WriteStartArray("matrix");
        for (int t = 0; t < r.Labels.Count; t++)
        {
            w.WriteStartArray();
            for (int p = 0; p < r.Labels.Count; p++)
            {
                w.WriteNumberValue(r.Confusion[t, p]);
            }
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
