using System.Diagnostics;
using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// <c>kws listen</c> with the AOT binary: on standard input (WAV or raw), a file and a FIFO it reports exactly the
/// detections <c>kws detect</c> reports on the same audio, one JSON object per line; fed at real-time speed it prints
/// each detection while the stream is still running, and a closed output pipe ends it with exit 0.
/// </summary>
public sealed class ListenTests
{
    private static List<string> Lines(ProcessResult result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static List<string> DetectAsJsonLines(string file)
    {
        using JsonDocument output = KwsJson.Object(PublishedKws.Run("detect", file, "--json"));
        return [.. output.RootElement.GetProperty("detections").EnumerateArray().Select(d => d.GetRawText().Replace(" ", "").Replace("\n", ""))];
    }

    [Test]
    public void ListenReportsExactlyWhatDetectReports()
    {
        foreach (LongRecording recording in ReferenceSamples.LongRecordings())
        {
            List<string> expected = DetectAsJsonLines(recording.File);
            byte[] wav = File.ReadAllBytes(recording.FullPath);
            Assert.That(expected, Is.Not.Empty);
            Assert.That(Lines(PublishedKws.RunWithInput(wav, "listen", "--json")), Is.EqualTo(expected), "WAV on stdin");
            Assert.That(Lines(PublishedKws.Run("listen", recording.File, "--json")), Is.EqualTo(expected), "a file");
            Assert.That(Lines(PublishedKws.RunWithInput(TestWav.DataOf(wav), "listen", "--json", "--raw", "--rate", recording.SampleRate.ToString())),
                Is.EqualTo(expected), "raw PCM on stdin");
        }
    }

    [Test]
    public void ListenReadsAFifo()
    {
        LongRecording recording = ReferenceSamples.LongRecordings()[0];
        string fifo = Path.Combine(Path.GetTempPath(), $"kws-listen-{Environment.ProcessId}.fifo");
        Process.Start("mkfifo", fifo).WaitForExit();
        try
        {
            var listen = Task.Run(() => PublishedKws.Run("listen", fifo, "--json"));
            using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
                writer.Write(File.ReadAllBytes(recording.FullPath));
            }
            Assert.That(Lines(listen.Result), Is.EqualTo(DetectAsJsonLines(recording.File)));
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    /// <summary>
    /// A paced writer: the recording goes to stdin in 10 ms pieces at real-time speed. Each detection must arrive while
    /// the stream still runs; the time from the last sample of its word being written to its line arriving is printed
    /// (docs/kws.md quotes it).
    /// </summary>
    [Test]
    public void AtRealTimeEachDetectionArrivesWhileTheStreamRuns()
    {
        LongRecording recording = ReferenceSamples.LongRecordings()[0];
        byte[] wav = File.ReadAllBytes(recording.FullPath);
        byte[] samples = TestWav.DataOf(wav);
        int bytesPerPiece = recording.SampleRate / 100 * 2;
        var start = new ProcessStartInfo(PublishedKws.Binary, ["listen", "--json"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kws = Process.Start(start)!;
        var arrivals = new List<(double Seconds, JsonElement Detection)>();
        var clock = Stopwatch.StartNew();
        var reader = Task.Run(() =>
        {
            while (kws.StandardOutput.ReadLine() is string line)
            {
                lock (arrivals)
                {
                    arrivals.Add((clock.Elapsed.TotalSeconds, JsonDocument.Parse(line).RootElement.Clone()));
                }
            }
        });
        Stream stdin = kws.StandardInput.BaseStream;
        stdin.Write(wav.AsSpan(0, wav.Length - samples.Length));
        clock.Restart();
        for (int piece = 0; piece * bytesPerPiece < samples.Length; piece++)
        {
            int at = piece * bytesPerPiece;
            stdin.Write(samples.AsSpan(at, Math.Min(bytesPerPiece, samples.Length - at)));
            stdin.Flush();
            // Piece n holds audio up to (n + 1) * 10 ms: send it then, not sooner.
            double due = (piece + 1) * 0.01;
            while (clock.Elapsed.TotalSeconds < due)
            {
                Thread.Sleep(1);
            }
        }
        double streamEnded = clock.Elapsed.TotalSeconds;
        stdin.Close();
        Assert.That(kws.WaitForExit(30_000), "kws listen ends when its input does");
        reader.Wait();
        Assert.That(kws.ExitCode, Is.Zero, kws.StandardError.ReadToEnd());
        Assert.That(arrivals, Is.Not.Empty);
        foreach ((double arrived, JsonElement d) in arrivals)
        {
            string label = d.GetProperty("label").GetString()!;
            double seconds = d.GetProperty("seconds").GetDouble();
            SpokenWord? word = recording.Words.FirstOrDefault(w => w.Word == label && seconds >= w.Start - 1 && seconds <= w.End + 1);
            string latency = word is null ? "(not a spoken word)" : $"{(arrived - word.End) * 1000:F0} ms after the word's last sample was written";
            TestContext.Out.WriteLine($"{label} at {seconds:F2} s arrived at {arrived:F3} s: {latency}");
        }
        // Every detection but possibly one decided by the end of the stream is printed before the stream ends.
        Assert.That(arrivals.Count(a => a.Seconds < streamEnded), Is.GreaterThanOrEqualTo(arrivals.Count - 1));
    }

    [Test]
    public void AClosedOutputPipeEndsListenWithExitZero()
    {
        // Four minutes of raw audio: kws listen is still writing detections after head has gone.
        byte[] samples = TestWav.DataOf(File.ReadAllBytes(ReferenceSamples.LongRecordings()[0].FullPath));
        string raw = Path.Combine(Path.GetTempPath(), $"kws-listen-{Environment.ProcessId}.raw");
        File.WriteAllBytes(raw, [.. Enumerable.Repeat(samples, 20).SelectMany(s => s)]);
        try
        {
            ProcessResult result = ProcessRunner.Run("/bin/sh",
                ["-c", $"('{PublishedKws.Binary}' listen --raw --rate 16000 < '{raw}'; echo kws-exit=$? >&2) | head -n 1"],
                TimeSpan.FromMinutes(1), RepositoryPaths.Models, null);
            Assert.That(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
            Assert.That(result.StandardError.Trim(), Is.EqualTo("kws-exit=0"), "exit 0 and nothing else on stderr");
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
