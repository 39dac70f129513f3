using System.Text.Json;
using Kws.Host.Benchmarking;
using Kws.Host.Engines;
using Kws.Host.Output;
using Kws.Runtime;
using Kws.Runtime.Manifest;
using static System.FormattableString;

namespace Kws.Host.Commands;

/// <summary><c>kws bench</c>: generated vs interpreted inference time measured on the device itself.</summary>
internal sealed class BenchCommand : ICommand
{
    public string Name => "bench";

    public string Summary => "generated vs interpreted inference time";

    public string Usage => """
        usage: kws bench [--manifest <m.kws.json>] [--runs N] [--json]

        Times single inferences on this machine, one thread: the generated model baked into this binary, then the
        interpreter running the baked-in manifest (or the one given). Prints median, min, max and interquartile
        range in microseconds, whether both engines gave identical outputs, and the SIMD path in use.

        options:
          --manifest <m.kws.json>   interpret this manifest instead of the baked-in one
          --runs N                  timed inferences per engine after 10% warm-up runs (default 500; 10 to 1000000)
          --json                    print {"generated": {"medianMicroseconds", "minMicroseconds", ...},
                                           "interpreted": {...}, "simd", "identicalOutputs", "speedup"}
          -h, --help                show this help

        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var commandLine = ParsedArguments.Parse(Name, args, ["--manifest", "--runs"], ["--json"]);
        commandLine.ExpectPositionals(0, "");
        int runs = commandLine.IntOption("--runs", 500, 10, 1_000_000);
        string? manifestPath = commandLine.Option("--manifest");
        ModelManifest manifest = manifestPath is null ? BakedInModel.ReadManifest() : ManifestLoader.Read(manifestPath);
        IKeywordModel generated = ModelEngines.CreateGenerated();
        IKeywordModel interpreted = ModelEngines.CreateInterpreter(manifest);

        float[] generatedOut = new float[generated.Labels.Count];
        float[] interpretedOut = new float[interpreted.Labels.Count];
        TimingSummary generatedTime = InferenceTimer.Measure(generated, generatedOut, runs);
        TimingSummary interpretedTime = InferenceTimer.Measure(interpreted, interpretedOut, runs);
        bool identical = generatedOut.AsSpan().SequenceEqual(interpretedOut);
        var result = new BenchResult(generated.Name, interpreted.Name, generatedTime, interpretedTime, generated.SimdPath, interpreted.SimdPath, identical);

        return CommandOutput.Print(output, commandLine.Flag("--json"), writer => WriteJson(writer, result), () => WriteText(output, result));
    }

    private sealed record BenchResult(string GeneratedModel, string InterpretedModel, TimingSummary Generated,
        TimingSummary Interpreted, string GeneratedSimd, string InterpretedSimd, bool Identical)
    {
        public double Speedup => Interpreted.Median / Generated.Median;
    }

    private static void WriteText(TextWriter o, BenchResult r)
    {
        o.WriteLine(Invariant($"{"engine",-12} {"model",-20} {"simd",-10} {"median µs",10} {"min µs",10} {"max µs",10} {"IQR µs",10} {"runs",7}"));
        WriteRow("generated", r.GeneratedModel, r.GeneratedSimd, r.Generated);
        WriteRow("interpreted", r.InterpretedModel, r.InterpretedSimd, r.Interpreted);
        o.WriteLine(Invariant($"generated is {r.Speedup:0.0}x faster (median); outputs {(r.Identical ? "identical" : "differ")}"));
        o.WriteLine(Invariant($"compiled for {BuildFacts.InstructionSet} ({BuildFacts.RuntimeIdentifier})"));

        void WriteRow(string engine, string model, string simd, TimingSummary t) =>
            o.WriteLine(Invariant($"{engine,-12} {model,-20} {simd,-10} {t.Median,10:0.0} {t.Min,10:0.0} {t.Max,10:0.0} {t.InterquartileRange,10:0.0} {t.Runs,7}"));
    }

    private static void WriteJson(Utf8JsonWriter w, BenchResult r)
    {
        w.WriteStartObject();
        WriteTiming(w, "generated", r.GeneratedModel, r.Generated);
        WriteTiming(w, "interpreted", r.InterpretedModel, r.Interpreted);
        w.WriteString("simd", r.GeneratedSimd);
        w.WriteString("interpretedSimd", r.InterpretedSimd);
        w.WriteString("instructionSet", BuildFacts.InstructionSet);
        w.WriteBoolean("identicalOutputs", r.Identical);
        w.WriteNumber("speedup", Math.Round(r.Speedup, 3));
        w.WriteEndObject();
    }

    private static void WriteTiming(Utf8JsonWriter w, string name, string model, TimingSummary t)
    {
        w.WriteStartObject(name);
        w.WriteString("model", model);
        w.WriteNumber("medianMicroseconds", Math.Round(t.Median, 2));
        w.WriteNumber("minMicroseconds", Math.Round(t.Min, 2));
        w.WriteNumber("maxMicroseconds", Math.Round(t.Max, 2));
        w.WriteNumber("interquartileRangeMicroseconds", Math.Round(t.InterquartileRange, 2));
        w.WriteNumber("runs", t.Runs);
        w.WriteEndObject();
    }
}
