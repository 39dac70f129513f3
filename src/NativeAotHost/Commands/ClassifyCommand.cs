using System.Globalization;
using System.Text.Json;
using Kws.Host.Audio;
using Kws.Host.Engines;
using Kws.Host.Output;
using Kws.Runtime;

namespace Kws.Host.Commands;

/// <summary><c>kws &lt;file.wav&gt;...</c>: the top labels of each file, from the baked-in model or a manifest's interpreter.</summary>
internal sealed class ClassifyCommand : ICommand
{
    public string Name => "classify";

    public string Summary => "the top labels of each WAV file (also: kws <file.wav>...)";

    public string Usage => """
        usage: kws [classify] <file.wav>... [--top K] [--json] [--manifest <m.kws.json>]

        Classifies each WAV file (any rate, 8/16/24/32-bit PCM or 32-bit float, mono or multi-channel; '-' reads one
        WAV from standard input) and prints its most probable labels with their probabilities.

        options:
          --top K                     how many labels to show per file (default 3; 1 to the number of labels)
          --json                      print one JSON array, one object per file:
                                      {"file", "label", "logProbs": [...label order...], "top": [{"label", "probability"}]}
          --manifest <m.kws.json>     run this manifest with the interpreter instead of the baked-in generated model
          -h, --help                  show this help

        Exit codes: 0 success, 1 unusable input (missing file, not a WAV, bad manifest), 2 wrong command line.
        Other commands: kws --help.

        """;

    public const int DefaultTop = 3;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var commandLine = ParsedArguments.Parse(Name, args, ["--top", "--manifest"], ["--json"]);
        if (commandLine.Positionals.Count == 0)
        {
            throw commandLine.Problem("no WAV file given");
        }
        if (commandLine.Positionals.Count(p => p == AudioFile.StandardInput) > 1)
        {
            throw commandLine.Problem("'-' (standard input) can be given only once");
        }
        int top = commandLine.IntOption("--top", DefaultTop, 1, int.MaxValue);
        IKeywordModel model = ModelEngines.Open(commandLine.Option("--manifest"));
        var results = Classify(model, commandLine.Positionals, top);
        return CommandOutput.Print(output, commandLine.Flag("--json"), writer => WriteJson(writer, results), () => WriteText(output, results));
    }

    private static List<Classification> Classify(IKeywordModel model, IReadOnlyList<string> files, int top)
    {
        var reader = new ModelInput(model);
        float[] input = new float[model.InputLength];
        float[] logProbs = new float[model.Labels.Count];
        var results = new List<Classification>(files.Count);
        foreach (string file in files)
        {
            reader.Read(file, input);
            model.Infer(input, logProbs);
            results.Add(new Classification(file, (float[])logProbs.Clone(), RankedLabel.Top(logProbs, model.Labels, top)));
        }
        return results;
    }

    private static void WriteText(TextWriter o, List<Classification> results)
    {
        foreach (Classification result in results)
        {
            o.Write(result.File);
            foreach (RankedLabel ranked in result.Top)
            {
                o.Write(string.Create(CultureInfo.InvariantCulture, $"  {ranked.Label} {ranked.Probability:0.000}"));
            }
            o.WriteLine();
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, List<Classification> results)
    {
        writer.WriteStartArray();
        foreach (Classification result in results)
        {
            writer.WriteStartObject();
            writer.WriteString("file", result.File);
            writer.WriteString("label", result.Label);
            JsonOutput.WriteNumbers(writer, "logProbs", result.LogProbs);
            writer.WriteStartArray("top");
            foreach (RankedLabel ranked in result.Top)
            {
                writer.WriteStartObject();
                writer.WriteString("label", ranked.Label);
                writer.WriteNumber("probability", ranked.Probability);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
