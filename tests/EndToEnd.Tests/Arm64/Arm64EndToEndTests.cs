using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests.Arm64;

/// <summary>
/// The linux-arm64 kws, cross-published on x64 and run under qemu on two emulated CPUs: one with the dot-product
/// extension (the generated code's Dp path) and one without it (the plain AdvSimd path). On both it must classify
/// every committed sample exactly as the x64 binary and PyTorch do, listen to a stream as x64's detect does, report
/// its ARM64 path, and benchmark.
/// </summary>
[TestFixture("max", DotProductPath)]
[TestFixture("cortex-a72", WithoutDotProductPath)]
[Category("Arm64")]
public sealed class Arm64EndToEndTests(string cpu, string expectedSimdPath)
{
    private const string BakedInKind = "ptq";

    // What IKeywordModel.SimdPath reports for the int8 model on each emulated CPU: sdot where the dot-product
    // extension is present, int16 widening multiplies where it is not.
    private const string DotProductPath = "AdvSimdDp";
    private const string WithoutDotProductPath = "AdvSimd";

    [Test]
    public void ClassifiesEveryCommittedSampleExactlyAsX64AndPyTorch()
    {
        ReferenceSet references = ReferenceSet.Load(BakedInKind);
        string[] files = [.. references.Samples.Select(s => s.File)];
        var arm64 = KwsJson.Classifications(PublishedArm64Kws.Run(cpu, [.. files, "--json"]));
        var x64 = X64Classifications.Value;

        Assert.That(arm64.Select(r => r.File), Is.EqualTo(files), "one result per file, in order");
        var mismatches = new List<string>();
        for (int i = 0; i < files.Length; i++)
        {
            if (arm64[i].Label != references.Samples[i].Predicted || arm64[i].Label != x64[i].Label)
            {
                mismatches.Add($"{files[i]}: arm64 {arm64[i].Label}, x64 {x64[i].Label}, PyTorch {references.Samples[i].Predicted}");
            }
            else if (!arm64[i].LogProbs.SequenceEqual(x64[i].LogProbs))
            {
                mismatches.Add($"{files[i]}: log-probabilities differ from x64's");
            }
        }
        Assert.That(mismatches, Is.Empty, $"on -cpu {cpu}");
    }

    [Test]
    public void InfoReportsTheArm64Path()
    {
        using JsonDocument info = KwsJson.Object(PublishedArm64Kws.Run(cpu, "info", "--json"));
        JsonElement root = info.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("runtimeIdentifier").GetString(), Is.EqualTo("linux-arm64"));
            Assert.That(root.GetProperty("simd").GetString(), Is.EqualTo(expectedSimdPath), $"on -cpu {cpu}");
            Assert.That(root.GetProperty("binaryBytes").GetInt64(), Is.EqualTo(new FileInfo(PublishedArm64Kws.Binary).Length));
        });
    }

    [Test]
    public void BenchRunsAndBothEnginesAgree()
    {
        using JsonDocument bench = KwsJson.Object(PublishedArm64Kws.Run(cpu, "bench", "--runs", "50", "--json"));
        JsonElement root = bench.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("simd").GetString(), Is.EqualTo(expectedSimdPath));
            Assert.That(root.GetProperty("identicalOutputs").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("generated").GetProperty("medianMicroseconds").GetDouble(), Is.Positive);
            Assert.That(root.GetProperty("interpreted").GetProperty("medianMicroseconds").GetDouble(), Is.Positive);
        });
    }

    [Test]
    public void ListenOnAStreamReportsWhatX64DetectReports()
    {
        // The first long recording as a WAV stream on standard input, as a microphone pipeline would give it.
        LongRecording recording = ReferenceSamples.LongRecordings()[0];
        ProcessResult listen = PublishedArm64Kws.RunWithInput(cpu, File.ReadAllBytes(recording.FullPath), "listen", "--json");
        Assert.That(listen.ExitCode, Is.Zero, listen.ToString());
        string[] arm64 = listen.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        using JsonDocument detect = KwsJson.Object(PublishedKws.Run("detect", recording.File, "--json"));
        string[] x64 = [.. detect.RootElement.GetProperty("detections").EnumerateArray()
            .Select(d => d.GetRawText().Replace(" ", "").Replace("\n", ""))];
        Assert.That(x64, Is.Not.Empty, "the recording has keywords to detect");
        Assert.That(arm64, Is.EqualTo(x64), $"on -cpu {cpu}");
    }

    // The x64 binary's answers, for every test of both fixtures; one process for every sample.
    private static readonly Lazy<IReadOnlyList<ClassifiedFile>> X64Classifications = new(() =>
        KwsJson.Classifications(PublishedKws.Run([.. ReferenceSet.Load(BakedInKind).Samples.Select(s => s.File), "--json"])));
}
