using System.Diagnostics;
using System.Text.Json;
using Kws.Host.Audio;
using Kws.Host.Cli;
using Kws.Host.Evaluation;
using Kws.Host.Models;
using Kws.Host.Output;
using Kws.Runtime;
using static System.FormattableString;

namespace Kws.Host.Commands;

/// <summary><c>kws eval &lt;dir&gt;</c>: accuracy, per-class accuracy, confusion matrix and latency over a labelled folder.</summary>
internal static class EvalCommand
{
    public const string Help = """
        Usage: kws eval <dir> [--json] [--manifest <m.kws.json>]

        Classifies every WAV file under <dir>/<label>/ (one sub-folder per label, named as the model's labels) and
        prints the seed's table (model size, accuracy, inference time) plus per-class accuracy and the confusion
        matrix. A progress bar goes to stderr when stderr is a terminal.

        Options:
          --json                    print one JSON object: {"files", "correct", "accuracy", "weightBytes",
                                    "medianInferenceMicroseconds", "perClass": [...], "confusion": {"labels", "matrix"}}
          --manifest <m.kws.json>   evaluate this manifest with the interpreter instead of the baked-in model
          -h, --help                show this help

        """;

    public static int Run(IReadOnlyList<string> args)
    {
        var commandLine = CommandLine.Parse("eval", args, ["--json"], ["--manifest"]);
        if (commandLine.PrintHelpIfAsked(Help))
        {
            return ExitCodes.Success;
        }
        commandLine.ExpectPositionals(1, "the folder to evaluate");
        string? manifestPath = commandLine.Value("--manifest");
        IKeywordModel model = Engines.Open(manifestPath);
        var files = LabelledFolder.List(commandLine.Positionals[0], model.Labels);
        EvaluationReport report = Evaluate(model, files);
        string engine = manifestPath is null ? "generated" : "interpreted";
        if (commandLine.Has("--json"))
        {
            JsonOutput.Write(writer => WriteJson(writer, report, engine));
        }
        else
        {
            WriteText(report, engine);
        }
        return ExitCodes.Success;
    }

    private static EvaluationReport Evaluate(IKeywordModel model, List<(string Path, int Label)> files)
    {
        var report = new EvaluationReport(model.Name, model.Labels, model.WeightBytes, model.SimdPath);
        float[] input = new float[model.InputLength];
        float[] logProbs = new float[model.Labels.Count];
        using var progress = new ProgressBar(files.Count, "files");
        for (int i = 0; i < files.Count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            ModelInput.FromWav(AudioFile.ReadAllBytes(files[i].Path), files[i].Path, model, input);
            long inferStart = Stopwatch.GetTimestamp();
            model.Infer(input, logProbs);
            long end = Stopwatch.GetTimestamp();
            report.Add(files[i].Label, RankedLabel.Top(logProbs, model.Labels, 1)[0].Index,
                Stopwatch.GetElapsedTime(start, inferStart).TotalMicroseconds, Stopwatch.GetElapsedTime(inferStart, end).TotalMicroseconds);
            progress.Report(i + 1);
        }
        return report;
    }

    private static void WriteText(EvaluationReport r, string engine)
    {
        var o = Console.Out;
        o.WriteLine(Invariant($"model           {r.ModelName} ({engine}, {r.SimdPath})"));
        o.WriteLine(Invariant($"model size      {r.WeightBytes / 1024.0:0.00} KB of weights; binary {BuildFacts.BinaryBytes / (1024.0 * 1024.0):0.00} MB"));
        o.WriteLine(Invariant($"accuracy        {r.Accuracy * 100:0.00}% ({r.Correct}/{r.Files} files)"));
        o.WriteLine(Invariant($"inference time  {r.MedianInferenceMicroseconds / 1000:0.000} ms median, {r.MeanInferenceMicroseconds / 1000:0.000} ms mean (front end {r.FrontEndMicroseconds / r.Files / 1000:0.000} ms per file)"));
        o.WriteLine();

        var present = Enumerable.Range(0, r.Labels.Count).Where(l => r.FilesOf(l) > 0).ToList();
        var predicted = Enumerable.Range(0, r.Labels.Count).Where(p => present.Any(t => r.Confusion[t, p] > 0)).ToList();
        int width = Math.Max(5, present.Concat(predicted).Max(l => r.Labels[l].Length));
        o.WriteLine("per class");
        o.WriteLine(Invariant($"  {"label".PadRight(width)}  files  correct  accuracy"));
        foreach (int label in present)
        {
            o.WriteLine(Invariant($"  {r.Labels[label].PadRight(width)}  {r.FilesOf(label),5}  {r.CorrectOf(label),7}  {100.0 * r.CorrectOf(label) / r.FilesOf(label),7:0.0}%"));
        }
        o.WriteLine();
        o.WriteLine("confusion matrix (rows: true label, columns: predicted label; labels that occur)");
        o.WriteLine("  " + "".PadRight(width) + string.Concat(predicted.Select(p => " " + r.Labels[p].PadLeft(width))));
        foreach (int label in present)
        {
            o.WriteLine("  " + r.Labels[label].PadRight(width) + string.Concat(predicted.Select(p => " " + Invariant($"{r.Confusion[label, p]}").PadLeft(width))));
        }
    }

    private static void WriteJson(Utf8JsonWriter w, EvaluationReport r, string engine)
    {
        w.WriteStartObject();
        w.WriteString("model", r.ModelName);
        w.WriteString("engine", engine);
        w.WriteString("simd", r.SimdPath);
        w.WriteNumber("files", r.Files);
        w.WriteNumber("correct", r.Correct);
        w.WriteNumber("accuracy", r.Accuracy);
        w.WriteNumber("weightBytes", r.WeightBytes);
        w.WriteNumber("binaryBytes", BuildFacts.BinaryBytes);
        w.WriteNumber("medianInferenceMicroseconds", Math.Round(r.MedianInferenceMicroseconds, 2));
        w.WriteNumber("meanInferenceMicroseconds", Math.Round(r.MeanInferenceMicroseconds, 2));
        w.WriteNumber("meanFrontEndMicroseconds", Math.Round(r.FrontEndMicroseconds / r.Files, 2));
        w.WriteStartArray("perClass");
        for (int label = 0; label < r.Labels.Count; label++)
        {
            int files = r.FilesOf(label);
            if (files == 0)
            {
                continue;
            }
            w.WriteStartObject();
            w.WriteString("label", r.Labels[label]);
            w.WriteNumber("files", files);
            w.WriteNumber("correct", r.CorrectOf(label));
            w.WriteNumber("accuracy", (double)r.CorrectOf(label) / files);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("confusion");
        w.WriteStartArray("labels");
        foreach (string label in r.Labels)
        {
            w.WriteStringValue(label);
        }
        w.WriteEndArray();
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
