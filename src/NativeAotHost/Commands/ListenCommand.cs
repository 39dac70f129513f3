using System.Runtime.InteropServices;
using System.Text;
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
/// <c>kws listen</c>: keyword spotting on a live stream (standard input, a FIFO or a file), printing each detection
/// the moment it is decided. Memory stays flat however long the stream runs. Ctrl-C, SIGTERM and a closed output
/// pipe end it with exit 0; a stream that stalls is waited for in a blocking read.
/// </summary>
internal sealed class ListenCommand : ICommand
{
    public string Name => "listen";

    public string Summary => "keywords in a live stream, as they are heard";

    public string Usage { get; } = $$"""
        usage: kws listen [<file>|-] [--raw --rate <Hz> [--channels <n>] [--format s16le|f32le]] [--json]
                          [--manifest <m.kws.json>] [detector options]

        Reads audio from standard input (or a file or FIFO) as it arrives: a WAV stream (a header, then samples; the
        0 or 0xFFFFFFFF data size that arecord and sox write when streaming is fine) or raw PCM described by --raw.
        Resamples it to the model's rate as it comes, looks every 0.1 s, smooths as kws detect does, and prints
        each keyword found as soon as it is decided, one line each: the same detections kws detect reports on the
        same audio. Ends at the end of the stream, on Ctrl-C or when the output is closed (exit 0).

        A microphone on Linux:  arecord -q -f S16_LE -r 16000 -c 1 -t raw | kws listen --raw --rate 16000
                         or:    sox -q -d -t raw -b 16 -e signed -c 1 -r 16000 - | kws listen --raw --rate 16000

        options:
          --json                    one JSON object per line: {"label", "seconds", "score"}
          --manifest <m.kws.json>   use this manifest with the interpreter instead of the baked-in model
          -h, --help                show this help
        {{AudioStreamInput.Help}}{{DetectorArguments.Help}}
        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var commandLine = ParsedArguments.Parse(Name, args,
            ["--manifest", .. AudioStreamInput.ValueOptions, .. DetectorArguments.ValueOptions], ["--json", "--raw"]);
        if (commandLine.Positionals.Count > 1)
        {
            commandLine.ExpectPositionals(1, "the stream to read");
        }
        string source = commandLine.Positionals.Count == 1 ? commandLine.Positionals[0] : AudioFile.StandardInput;
        WavFormat? raw = AudioStreamInput.RawFormat(commandLine);
        DetectorOptions options = DetectorArguments.From(commandLine);
        bool json = commandLine.Flag("--json");
        IKeywordModel model = ModelEngines.Open(commandLine.Option("--manifest"));
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, EndQuietly);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, EndQuietly);
        using Stream stdout = Console.OpenStandardOutput();
        var printer = new DetectionPrinter(stdout, json);
        using AudioStreamReader reader = AudioStreamInput.Open(source, raw);
        try
        {
            new KeywordDetector(model, options).Listen(reader, printer.Print);
        }
        catch (WavFormatException e)
        {
            // What was printed stands; the stream could not go on.
            throw new InputException($"{AudioFile.Display(source)}: {e.Message}");
        }
        catch (IOException) when (printer.OutputClosed)
        {
            // The reader of our output went away (e.g. kws listen | head -1): nothing more to do.
        }
        return ExitCodes.Success;
    }

    private static void EndQuietly(PosixSignalContext context)
    {
        context.Cancel = true;
        Environment.Exit(ExitCodes.Success);
    }

    /// <summary>Writes each detection straight to standard output (no buffering), as text or one JSON object per line.</summary>
    private sealed class DetectionPrinter(Stream stdout, bool json)
    {
        private readonly MemoryStream line = new();

        public bool OutputClosed { get; private set; }

        public void Print(Detection detection)
        {
            line.SetLength(0);
            if (json)
            {
                using (var writer = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    DetectionJson.Write(writer, detection);
                }
                line.WriteByte((byte)'\n');
            }
            else
            {
                line.Write(Encoding.UTF8.GetBytes(Invariant($"{detection.Seconds,8:0.00} s  {detection.Word,-10} {detection.Score:0.000}\n")));
            }
            try
            {
                stdout.Write(line.GetBuffer(), 0, (int)line.Length);
                stdout.Flush();
            }
            catch (IOException)
            {
                OutputClosed = true;
                throw;
            }
        }
    }
}
