using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Kws.Fuzz;
using Kws.Fuzz.Targets;
using Kws.Runtime.Audio;
using Kws.Runtime.Detection;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>The two programs a user runs.</summary>
internal enum SweepProgram { Kws, Kwsc }

/// <summary>One run of the sweep: which program, its arguments, what it reads on standard input, and the largest input it reads.</summary>
internal sealed record SweepCase(SweepProgram Program, string[] Arguments, byte[]? StandardInput, long InputBytes)
{
    public override string ToString() => $"{Program.ToString().ToLowerInvariant()} {string.Join(' ', Arguments.Select(a => Path.GetFileName(a) is { Length: > 0 } name && a.Contains('/', StringComparison.Ordinal) ? name : a))}"
        + (StandardInput is null ? "" : $" < ({StandardInput.Length} bytes)");
}

/// <summary>
/// The hostile inputs of issue #19 (at full size where they are cheap to make), the hostile seeds of every fuzz target,
/// and a sample of every committed fuzz corpus, each turned into the kws and kwsc commands that read it: kws classify,
/// detect and listen (also with --manifest), kwsc inspect, export, diff and analyze. Files go to a scratch folder.
/// </summary>
internal sealed class HostileSweep(string scratch)
{
    private const SweepProgram Kws = SweepProgram.Kws;
    private const SweepProgram Kwsc = SweepProgram.Kwsc;

    /// <summary>How many inputs of each committed corpus are swept (evenly spaced over its files in name order).</summary>
    private static readonly Dictionary<string, int> CorpusSample = new()
    {
        ["checkpoint"] = 2, ["config"] = 2, ["labels"] = 1, ["manifest"] = 6, ["wav"] = 6, ["stream"] = 6,
    };

    private static string Clip => ReferenceSamples.Clips()[0].FullPath;
    private static string Fixture(string name) => Path.Combine(RepositoryPaths.Root, "tests", "ModelCompiler.Tests", "Fixtures", name);

    private readonly List<SweepCase> cases = [];
    private int files;

    public IReadOnlyList<SweepCase> Cases()
    {
        Audio();
        Truth();
        Manifests();
        Checkpoints();
        ConfigsAndLabels();
        Corpora();
        return cases;
    }

    /// <summary>Valid inputs of each program: what a hostile one's memory is compared with.</summary>
    public static IReadOnlyList<SweepCase> Baselines() =>
    [
        new(Kws, [Clip], null, 0),
        new(Kws, [Clip, "--manifest", RepositoryPaths.Model("cnn_fp32_model.kws.json")], null, 0),
        new(Kws, ["detect", Path.Combine(RepositoryPaths.Samples, "long", "long_0.wav")], null, 0),
        new(Kwsc, ["inspect", RepositoryPaths.Model("cnn_fp32_model.pth")], null, 0),
        new(Kwsc, ["export", RepositoryPaths.Model("cnn_ptq_model.pth"), "--config", Path.Combine(RepositoryPaths.Models, "configs", "cnn_ptq.yaml"), "-o", "/dev/null"], null, 0),
    ];

    private void Audio()
    {
        var wavs = new List<string>
        {
            // Issue #19 items 1, 2, 4 and 12, at their size.
            Write("2hz.wav", TestWav.Pcm16(2, 300_000)),
            Write("1hz.wav", TestWav.Pcm16(1, 8_000_000)),
            Write("7919hz.wav", TestWav.Pcm16(7919, 7919)),
            Write("44056hz.wav", TestWav.Pcm16(44056, 44056)),
            Write("999983hz.wav", TestWav.Pcm16(999_983, 999_983)),
            Write("no-samples.wav", TestWav.Pcm16(16000, 0)),
            Write("nan.wav", TestWav.Float32(16000, [.. Enumerable.Repeat(float.NaN, 16000)])),
            "/dev/zero",
            scratch,
        };
        foreach (var (name, bytes) in Seeds("wav").Where(s => s.Name.EndsWith(".wav", StringComparison.Ordinal) && !s.Name.StartsWith("long_", StringComparison.Ordinal)
                     && !File.Exists(Path.Combine(RepositoryPaths.Samples, "formats", s.Name))))
        {
            wavs.Add(Write(name, bytes));
        }
        foreach (string wav in wavs)
        {
            Add(Kws, wav);
            Add(Kws, "detect", wav);
            // kws listen has no duration limit (a live stream runs without end) and its time is linear in the audio's
            // duration: the 2 Hz and 1 Hz files hold 42 hours and 92 days of audio (a minute and hours of work, by
            // design), so listen gets a 25-minute 2 Hz file instead.
            if (wav != wavs[0] && wav != wavs[1])
            {
                Add(Kws, "listen", wav);
            }
        }
        string shortLowRate = Write("2hz-short.wav", TestWav.Pcm16(2, 3_000));
        Add(Kws, "listen", shortLowRate);
        AddWithInput(Kws, File.ReadAllBytes(wavs[0]), "/dev/stdin");
        AddWithInput(Kws, File.ReadAllBytes(wavs[1]), "-");
        AddWithInput(Kws, File.ReadAllBytes(shortLowRate), "listen");
        foreach (var (_, bytes) in Seeds("stream").Where(s => s.Name.EndsWith(".raw", StringComparison.Ordinal)))
        {
            Listen(bytes);
        }
        // A raw stream at 1 Hz: 4,096 samples a write would resample to 32 M (the sweep's first finding).
        AddWithInput(Kws, Ramp(8_192), "listen", "--raw", "--rate", "1");
        AddWithInput(Kws, Ramp(32_768), "listen", "--raw", "--rate", "1000000", "--channels", "1024");
        // kwsc analyze reads WAV files too: a folder of odd, tiny and low-rate clips.
        string samples = Path.Combine(scratch, "samples");
        Directory.CreateDirectory(Path.Combine(samples, "yes"));
        foreach (string wav in wavs.Take(5))
        {
            File.Copy(wav, Path.Combine(samples, "yes", Path.GetFileName(wav)));
        }
        Add(Kwsc, "analyze", "--fp32", Fixture("m5_fp32.pth"), "--quantized", Fixture("m5_ptq.pth"), "--config", Fixture("m5.yaml"), "--samples", samples);
    }

    /// <summary>kws detect --truth reads a JSON file of the words spoken.</summary>
    private void Truth()
    {
        foreach (string truth in new[]
        {
            "/dev/zero",
            Sparse("over-limit.json", GroundTruth.MaxBytes + 1),
            Write("deep.json", new string('[', 100_000) + new string(']', 100_000)),
            Write("no-words.json", "{\"words\": [{\"word\": 1e999, \"start\": \"x\"}]}"),
        })
        {
            // A device is read up to the reader's limit (kept twice while the buffer grows), so that is its size here.
            string[] arguments = ["detect", Clip, "--truth", truth];
            cases.Add(new(Kws, arguments, null, truth.StartsWith("/dev/", StringComparison.Ordinal) ? GroundTruth.MaxBytes : InputSize(arguments)));
        }
    }

    private void Manifests()
    {
        string valid = File.ReadAllText(RepositoryPaths.Model("cnn_ptq_model.kws.json"));
        var manifests = new List<string>
        {
            "/dev/zero",
            scratch,
            Clip,
            Write("deep.kws.json", new string('[', 100_000) + new string(']', 100_000)),
            Write("long-number.kws.json", "{\"format\": \"kws-manifest\", \"formatVersion\": " + new string('9', 100_000) + "}"),
            Write("many-values.kws.json", "[" + string.Join(",", Enumerable.Repeat("0", 200_000)) + "]"),
            Write("edited.kws.json", valid.Replace("\"sampleRate\": 8000", "\"sampleRate\": 8001", StringComparison.Ordinal)),
            Write("latin1.kws.json", [.. Encoding.UTF8.GetBytes(valid[..200]), 0xE9]),
            Sparse("over-limit.kws.json", ManifestReader.MaxBytes + 1),
        };
        foreach (var (name, bytes) in Seeds("manifest").Where(s => !File.Exists(RepositoryPaths.Model(s.Name))))
        {
            manifests.Add(Write(name, bytes));
        }
        foreach (string manifest in manifests)
        {
            Add(Kws, Clip, "--manifest", manifest);
        }
        Add(Kws, "detect", Clip, "--manifest", manifests[0]);
        AddWithInput(Kws, File.ReadAllBytes(Clip), "listen", "--manifest", manifests[3]);
    }

    private void Checkpoints()
    {
        string[] hostile = ["zeros.bin", "legacy-head.bin", "bomb-pickle.pth", "bomb-storage.pth", "deep-tuples.pth", "memo-fan-out.pth"];
        var checkpoints = Seeds("checkpoint").Where(s => hostile.Contains(s.Name)).Select(s => Write(s.Name, s.Bytes)).ToList();
        if (checkpoints.Count != hostile.Length)
        {
            throw new InvalidOperationException($"the checkpoint target's seeds lack some of {string.Join(", ", hostile)}");
        }
        checkpoints.AddRange(["/dev/zero", scratch, Write("nan.pth", WithNaNWeights(Fixture("m5_fp32.pth")))]);
        foreach (string checkpoint in checkpoints)
        {
            Add(Kwsc, "inspect", checkpoint);
        }
        Export(checkpoints[2], Fixture("m5.yaml"));
        Export(checkpoints[^1], Fixture("m5.yaml"));
        Add(Kwsc, "diff", checkpoints[3], Fixture("m5_fp32.pth"));
        Add(Kwsc, "analyze", "--fp32", checkpoints[^1], "--quantized", Fixture("m5_ptq.pth"), "--config", Fixture("m5.yaml"), "--samples", Path.Combine(RepositoryPaths.Samples, "clips"));
        // Issue #19 item 10: the output path is the checkpoint.
        string own = Write("own.pth", File.ReadAllBytes(Fixture("m5_fp32.pth")));
        Add(Kwsc, "export", own, "--config", Fixture("m5.yaml"), "-o", own);
    }

    private void ConfigsAndLabels()
    {
        Export(Fixture("m5_fp32.pth"), Write("deep.yaml", "model: " + new string('[', 100_000) + new string(']', 100_000) + "\n"));
        Export(Fixture("m5_fp32.pth"), Write("finding.yaml", Seeds("config").Single(s => s.Name == "finding-state.yaml").Bytes));
        Export(Fixture("m5_fp32.pth"), "/dev/zero");
        Export(RepositoryPaths.Model("cnn_fp32_model.pth"), Path.Combine(RepositoryPaths.Models, "configs", "cnn_fp32.yaml"),
            "--labels", Write("controls.txt", Seeds("labels").Single(s => s.Name == "controls.txt").Bytes));
    }

    /// <summary>An evenly spaced sample of each committed corpus, through the commands that read that kind of input.</summary>
    private void Corpora()
    {
        foreach (var (target, count) in CorpusSample)
        {
            var inputs = CorpusFiles.Read(CorpusFiles.CommittedArchive(RepositoryPaths.Root, target)).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            for (int i = 0; i < count && i < inputs.Count; i++)
            {
                var (name, bytes) = inputs[i * inputs.Count / count];
                string path = Write($"{target}-{name}", bytes);
                switch (target)
                {
                    case "checkpoint": Add(Kwsc, "inspect", path); break;
                    case "config": Export(Fixture("m5_fp32.pth"), path); break;
                    case "labels": Export(RepositoryPaths.Model("cnn_fp32_model.pth"), Path.Combine(RepositoryPaths.Models, "configs", "cnn_fp32.yaml"), "--labels", path); break;
                    case "manifest": Add(Kws, Clip, "--manifest", path); break;
                    case "wav": Add(Kws, path); Add(Kws, "detect", path); break;
                    case "stream": Listen(bytes); break;
                }
            }
        }
    }

    /// <summary>kws listen on a stream target input: WAV as it is, anything else raw in the format its first 4 bytes give.</summary>
    private void Listen(byte[] input)
    {
        if (input.AsSpan().StartsWith("RIFF"u8) || input.Length < 4)
        {
            AddWithInput(Kws, input, "listen");
            return;
        }
        WavFormat raw = StreamTarget.RawFormat(input);
        AddWithInput(Kws, input[4..], "listen", "--raw", "--rate", $"{raw.SampleRate}", "--channels", $"{raw.Channels}",
            "--format", raw.Encoding == WavEncoding.Float32 ? "f32le" : "s16le");
    }

    private void Export(string checkpoint, string config, params string[] more) =>
        Add(Kwsc, ["export", checkpoint, "--config", config, .. more, "-o", Path.Combine(scratch, $"out-{cases.Count}.kws.json")]);

    private void Add(SweepProgram program, params string[] arguments) => cases.Add(new(program, arguments, null, InputSize(arguments)));

    private void AddWithInput(SweepProgram program, byte[] input, params string[] arguments) =>
        cases.Add(new(program, arguments, input, Math.Max(input.Length, InputSize(arguments))));

    /// <summary>The largest regular file among the arguments (what a run may read whole).</summary>
    private static long InputSize(string[] arguments) =>
        arguments.Select(a => File.Exists(a) && !a.StartsWith("/dev/", StringComparison.Ordinal) ? new FileInfo(a).Length : 0).DefaultIfEmpty(0).Max();

    private static IEnumerable<(string Name, byte[] Bytes)> Seeds(string target) => FuzzTargets.Find(target)!.Seeds(RepositoryPaths.Root);

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(scratch, $"{files++:D3}-{name}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A file of <paramref name="length"/> bytes that takes no disk space (nothing is written).</summary>
    private string Sparse(string name, long length)
    {
        string path = Path.Combine(scratch, $"{files++:D3}-{name}");
        using var file = File.Create(path);
        file.SetLength(length);
        return path;
    }

    private static byte[] Ramp(int samples)
    {
        var data = new byte[2 * samples];
        for (int i = 0; i < samples; i++) BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)(i * 397 % 20000 - 10000));
        return data;
    }

    /// <summary>The checkpoint with its largest storage (a weight) filled with NaN (issue #19 items 8 and 9), re-zipped.</summary>
    private static byte[] WithNaNWeights(string checkpoint)
    {
        using var input = new ZipArchive(new MemoryStream(File.ReadAllBytes(checkpoint)), ZipArchiveMode.Read);
        ZipArchiveEntry largest = input.Entries.Where(e => e.FullName.Contains("/data/", StringComparison.Ordinal)).MaxBy(e => e.Length)!;
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in input.Entries)
            {
                using var buffer = new MemoryStream();
                using (Stream source = entry.Open()) source.CopyTo(buffer);
                byte[] bytes = buffer.ToArray();
                if (entry == largest)
                {
                    System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan()).Fill(float.NaN);
                }
                using Stream target = zip.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                target.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
