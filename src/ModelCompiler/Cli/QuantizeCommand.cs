using System.Diagnostics;
using System.Globalization;
using Kws.Compiler.Analysis;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Compiler.Files;
using Kws.Compiler.Quantization;
using Kws.Compiler.Quantization.Calibration;
using Kws.Compiler.Quantization.Conversion;
using Kws.Compiler.Quantization.Evaluation;
using Kws.Compiler.Quantization.Ranges;
using Kws.Compiler.Quantization.Reports;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Cli;

/// <summary>
/// <c>kwsc quantize &lt;fp32.pth&gt; --config &lt;cfg.yaml&gt; --calibrate &lt;wav-dir&gt; [options] -o &lt;model.kws.json&gt;</c>:
/// post-training quantization without PyTorch (issue 15, docs/calibration.md).
/// </summary>
public sealed class QuantizeCommand : ICommand
{
    public string Name => "quantize";

    public string Summary => "post-training quantization of an FP32 checkpoint on calibration clips, or a sweep";

    public string Usage => $"""
        usage: kwsc quantize <fp32.pth> --config <cfg.yaml> --calibrate <wav-dir> [options] -o <model.kws.json>
               kwsc quantize <fp32.pth> --config <cfg.yaml> --calibrate <wav-dir> --sweep [--eval <dir>] [--layer-wise]
                             [--pick best -o <model.kws.json>] [--json]

        Folds BatchNorm as PyTorch's fuse_modules does, runs the calibration clips through the FP32 model in batches,
        picks a quantizer for the input, every convolution and fc1 output and every weight, and writes an int8 manifest
        (or a mixed one with --int8-blocks). With the defaults it is PyTorch's eager PTQ with get_default_qconfig('x86').
          --config <file>          the seed-style YAML config (model.base_cnn; data.new_sample_rate, data.input_length)
          --calibrate <dir>        calibration WAVs, <dir>/<label>/*.wav and/or <dir>/*.wav, in path order; other rates,
                                   channel counts and lengths are resampled and padded or cut as kws does
          --activations <method>   {RecipeText.ActivationChoices}, or auto
                                   (default histogram: PyTorch's HistogramObserver; the rest are kwsc's, docs/calibration.md;
                                   auto: chosen per tensor, with the weight range and bias correction, on the calibration
                                   clips, full range, affine)
          --activation-scheme <s>  affine (default) or symmetric
          --full-range             quint8 codes 0..255 instead of the x86 qconfig's reduce_range (0..127)
          --weights <scheme>       {RecipeText.SchemeChoices}
                                   (default per-channel-symmetric; affine weights cannot run on the engines)
          --weight-range <method>  {RecipeText.WeightRangeChoices} (default minmax)
          --bias-correction        remove the weight rounding error's mean from each bias (calibration input means)
          --batch-size <n>         calibration batch, as PyTorch's calibration loop batches (default {Calibrator.DefaultBatchSize})
          --int8-blocks <list>     only these blocks in int8, the others in float: numbers from 1 or names (1,3 or conv1,conv3)
          --eval <dir>             labelled clips to evaluate on (the model and FP32; with --sweep: every configuration;
                                   default for --sweep: the calibration clips)
          --sweep                  every configuration of the seed's observer grid plus kwsc's methods, ranked
          --layer-wise             with --sweep: one block at a time in int8 (the seed's layer-wise study), then all
          --pick best              with --sweep: write the best configuration's manifest to -o
          --labels <file>          class names, one per line (default: the 35 Speech Commands v2 words, sorted)
          --name <Name>            the model's C# name (default: the output file's name in PascalCase)
          --json                   print the result as JSON
          -o <file>                where to write the manifest (never one of the inputs; written whole or not at all)

        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ParsedArguments parsed = ParsedArguments.Parse(Name, args,
            [
                "--config", "--calibrate", "--activations", "--activation-scheme", "--weights", "--weight-range", "--batch-size",
                "--int8-blocks", "--eval", "--pick", "--labels", "--name", "-o", "--output",
            ],
            ["--full-range", "--bias-correction", "--sweep", "--layer-wise", "--json"]);
        string checkpointPath = parsed.ExpectPositionals(1, "one FP32 checkpoint file")[0];
        string configPath = parsed.RequiredOption("--config");
        string calibrationFolder = parsed.RequiredOption("--calibrate");
        bool sweep = parsed.Flag("--sweep");
        string? outputPath = parsed.Option("--output") ?? parsed.Option("-o");
        string? pick = parsed.Option("--pick");
        CheckCombinations(parsed, sweep, outputPath, pick);
        bool auto = parsed.Option("--activations") == "auto";
        QuantizationRecipe recipe = auto ? AutoStart(parsed) : Recipe(parsed);
        int batchSize = parsed.IntOption("--batch-size", Calibrator.DefaultBatchSize, 1, int.MaxValue);
        string name = ModelName(parsed, outputPath);

        string? labelsPath = parsed.Option("--labels");
        if (outputPath is not null)
        {
            OutputFile.RefuseInputs(outputPath, "-o", checkpointPath, configPath, labelsPath);
        }
        M5Config config = M5ConfigReader.Read(configPath);
        IReadOnlyList<string>? labels = labelsPath is null ? null : LabelsFile.Read(labelsPath);
        Checkpoint checkpoint = CheckpointReader.Read(checkpointPath);
        ModelManifest fp32 = FloatModel.FromCheckpoint(checkpoint, config, labels, name, "kwsc " + KwscCommandLine.Version);
        IReadOnlyList<string>? blocks = parsed.Option("--int8-blocks") is string list ? Blocks(parsed, fp32, list) : null;
        var source = new SourceCheckpoint(checkpoint.FileName, checkpoint.Sha256, "ptq");

        var clock = Stopwatch.StartNew();
        using ProgressBar progress = ProgressBar.ForConsole();
        IReadOnlyList<AnalysisClip> clips = ClipLoader.Load(calibrationFolder, fp32, progress);
        bool histograms = sweep || auto || recipe.PerTensor.Values.Append(recipe.Activations).Any(a => !a.IsPyTorchObserver);
        CalibrationStatistics statistics = Calibrator.Run(fp32, clips, batchSize, histograms, progress);
        var quantizer = new PostTrainingQuantizer(fp32, statistics);
        string? evalFolder = parsed.Option("--eval");
        IReadOnlyList<AnalysisClip> evalClips = evalFolder is null ? clips : ClipLoader.Load(evalFolder, fp32, progress);

        if (!sweep)
        {
            IReadOnlyList<RecipeSearch.Step>? search = null;
            if (auto)
            {
                (recipe, search) = RecipeSearch.Run(quantizer, new ModelEvaluator(fp32, clips), recipe.Weights, name, source, progress);
            }
            QuantizedModel model = quantizer.Quantize(recipe, name, source, blocks);
            WriteManifest(model.Manifest, outputPath!);
            double seconds = clock.Elapsed.TotalSeconds;
            ModelEvaluation? floatEvaluation = null, evaluation = null;
            if (evalFolder is not null)
            {
                var evaluator = new ModelEvaluator(fp32, evalClips);
                IReadOnlyList<ModelEvaluation> both = evaluator.Evaluate([fp32, model.Manifest], traceLayers: true, progress);
                (floatEvaluation, evaluation) = (both[0], both[1]);
            }
            progress.Dispose();
            var report = new QuantizeReport(outputPath, model, statistics, batchSize, seconds, evalFolder, floatEvaluation, evaluation) { Search = search };
            Print(parsed, output, report.WriteText, report.ToJson);
            return 0;
        }

        var sweepEvaluator = new ModelEvaluator(fp32, evalClips);
        IReadOnlyList<SweepEntry> entries = parsed.Flag("--layer-wise")
            ? SweepGrid.LayerWise(recipe, recipe.Name == QuantizationRecipe.X86Default.Name ? SweepOrigin.X86Default : SweepOrigin.Kwsc,
                blocks ?? [.. ModelBlock.Of(fp32).Select(b => b.Name)])
            : SweepGrid.Observers();
        IReadOnlyList<SweepResult> results = Sweep.Run(quantizer, entries, sweepEvaluator, name, source, progress);
        ModelEvaluation fp32Evaluation = sweepEvaluator.Evaluate([fp32], traceLayers: false, progress)[0];
        if (pick is not null)
        {
            SweepResult best = results.FirstOrDefault(r => r.Rank == 1)
                ?? throw new CalibrationException("no configuration of the sweep could be made, so there is nothing to pick");
            WriteManifest(best.Model!.Manifest, outputPath!);
        }
        progress.Dispose();
        var sweepReport = new SweepReport(results, fp32Evaluation, evalFolder ?? calibrationFolder, pick is null ? null : outputPath);
        Print(parsed, output, sweepReport.WriteText, sweepReport.ToJson);
        return 0;
    }

    private static void CheckCombinations(ParsedArguments parsed, bool sweep, string? outputPath, string? pick)
    {
        if (parsed.Flag("--layer-wise") && !sweep)
        {
            throw parsed.Problem("--layer-wise goes with --sweep");
        }
        if (pick is not null && !sweep)
        {
            throw parsed.Problem("--pick goes with --sweep");
        }
        if (pick is not null && pick != "best")
        {
            throw parsed.Problem($"--pick takes \"best\", not \"{pick}\"");
        }
        if (sweep && parsed.Option("--int8-blocks") is not null && !parsed.Flag("--layer-wise"))
        {
            throw parsed.Problem("--int8-blocks with --sweep needs --layer-wise (it names the blocks to study)");
        }
        if (!sweep && outputPath is null)
        {
            throw parsed.Problem("option -o is required");
        }
        if (sweep && outputPath is not null && pick is null)
        {
            throw parsed.Problem("with --sweep, -o needs --pick best (which configuration to write)");
        }
        if (sweep && pick is not null && outputPath is null)
        {
            throw parsed.Problem("--pick best needs -o <file>");
        }
    }

    private static QuantizationRecipe Recipe(ParsedArguments parsed)
    {
        try
        {
            (ActivationMethod method, double percentile) = RecipeText.Activation(parsed.Option("--activations") ?? "histogram");
            bool symmetric = RecipeText.Symmetric(parsed.Option("--activation-scheme") ?? "affine");
            var settings = new ObserverSettings(QuantizedType.QUInt8, symmetric, ReduceRange: !parsed.Flag("--full-range"));
            (bool perChannel, bool symmetricWeights) = RecipeText.Scheme(parsed.Option("--weights") ?? "per-channel-symmetric");
            WeightRange range = RecipeText.WeightRangeOf(parsed.Option("--weight-range") ?? "minmax");
            var recipe = new QuantizationRecipe(new ActivationRecipe(method, settings, percentile), new WeightRecipe(perChannel, symmetricWeights, range),
                parsed.Flag("--bias-correction"));
            return recipe.Problem is string problem ? throw parsed.Problem(problem) : recipe;
        }
        catch (FormatException e)
        {
            throw parsed.Problem(e.Message);
        }
    }

    /// <summary>--activations auto: the search decides the activation methods, weight range and bias correction; only the weight scheme is the user's.</summary>
    private static QuantizationRecipe AutoStart(ParsedArguments parsed)
    {
        string? decided = new[] { "--activation-scheme", "--weight-range" }.FirstOrDefault(o => parsed.Option(o) is not null)
            ?? new[] { "--full-range", "--bias-correction" }.FirstOrDefault(parsed.Flag);
        if (decided is not null)
        {
            throw parsed.Problem($"--activations auto decides {decided} itself (full-range affine activations; weight range and bias correction by the search)");
        }
        if (parsed.Flag("--sweep"))
        {
            throw parsed.Problem("--activations auto is a search of its own; it does not go with --sweep");
        }
        try
        {
            (bool perChannel, bool symmetric) = RecipeText.Scheme(parsed.Option("--weights") ?? "per-channel-symmetric");
            QuantizationRecipe start = RecipeSearch.Start(new WeightRecipe(perChannel, symmetric));
            return start.Problem is string problem ? throw parsed.Problem(problem) : start;
        }
        catch (FormatException e)
        {
            throw parsed.Problem(e.Message);
        }
    }

    /// <summary>--name, else the output file's name without .kws.json in PascalCase.</summary>
    private static string ModelName(ParsedArguments parsed, string? outputPath)
    {
        string? name = parsed.Option("--name");
        if (name is null)
        {
            string file = Path.GetFileName(outputPath ?? "quantized");
            foreach (string suffix in new[] { ".kws.json", ".json" })
            {
                file = file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? file[..^suffix.Length] : file;
            }
            name = ManifestExporter.PascalCase(file);
            if (!ManifestValidator.IsIdentifier(name))
            {
                throw parsed.Problem($"the output file's name does not make a C# model name (\"{name}\"); give one with --name");
            }
        }
        return ManifestValidator.IsIdentifier(name) ? name : throw parsed.Problem($"--name \"{name}\" is not a C# identifier");
    }

    /// <summary>"1,3" or "conv1,conv3" (or mixed) as the float model's block names, in model order.</summary>
    private static IReadOnlyList<string> Blocks(ParsedArguments parsed, ModelManifest fp32, string list)
    {
        IReadOnlyList<ModelBlock> blocks = ModelBlock.Of(fp32);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string item in list.Split(',', StringSplitOptions.TrimEntries))
        {
            string? block = int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
                ? number >= 1 && number <= blocks.Count ? blocks[number - 1].Name : null
                : blocks.FirstOrDefault(b => b.Name == item)?.Name;
            chosen.Add(block ?? throw parsed.Problem(
                $"--int8-blocks: no block \"{item}\" (the model's blocks: {string.Join(", ", blocks.Select((b, i) => $"{i + 1}={b.Name}"))})"));
        }
        return [.. blocks.Select(b => b.Name).Where(chosen.Contains)];
    }

    private static void WriteManifest(ModelManifest manifest, string path) => OutputFile.WriteAllText(path, ManifestWriter.Write(manifest), "the manifest");

    private static void Print(ParsedArguments parsed, TextWriter output, Action<TextWriter> text, Func<string> json)
    {
        if (parsed.Flag("--json"))
        {
            output.WriteLine(json());
        }
        else
        {
            text(output);
        }
    }
}
