namespace Kws.EndToEnd.Tests;

/// <summary>
/// The audio inputs the hostile trial of issue 19 found mishandled, and broken streams for kws listen: each ends with
/// exit 0 or one clear line and exit 1 (2 for a wrong command line), quickly and in bounded memory.
/// </summary>
public sealed class AudioBadInputTests
{
    private string _scratch = "";

    [OneTimeSetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("kws-audio-input-").FullName;

    [OneTimeTearDown]
    public void DeleteScratch() => Directory.Delete(_scratch, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_scratch, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void Issue19_TinyLowRateWavIsClassifiedWithoutExhaustingMemory()
    {
        ProcessResult result = PublishedKws.Run(Write("2hz.wav", TestWav.Pcm16(2, 300_000)));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void Issue19_DetectRefusesALowRateWavLongerThanADayBeforeWorking()
    {
        OneLineError.Assert(PublishedKws.Run("detect", Write("2hz-detect.wav", TestWav.Pcm16(2, 300_000))), 1, "41.7 hours");
    }

    [Test]
    public void Issue19_OneHertzWithEightMillionSamplesDoesNotOverflow()
    {
        string path = Write("1hz.wav", TestWav.Pcm16(1, 8_000_000));
        Assert.That(PublishedKws.Run(path).ExitCode, Is.Zero);
        OneLineError.Assert(PublishedKws.Run("detect", path), 1, "hours");
    }

    [Test]
    public void Issue19_PipesAndStdinAsAPathAreRead()
    {
        byte[] clip = File.ReadAllBytes(Kws.Tests.Shared.ReferenceSamples.Clips()[0].FullPath);
        ProcessResult result = PublishedKws.RunWithInput(clip, "/dev/stdin");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [TestCase(7919)]
    [TestCase(44056)]
    [TestCase(999_983)]
    public void Issue19_OddSampleRatesAreClassified(int rate)
    {
        ProcessResult result = PublishedKws.Run(Write($"{rate}.wav", TestWav.Pcm16(rate, rate)), "--json");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void Issue19_ZeroSampleWavIsRefused() =>
        OneLineError.Assert(PublishedKws.Run(Write("none.wav", TestWav.Pcm16(16000, 0))), 1, "0 samples");

    [Test]
    public void Issue19_AllNaNFloatWavIsRefused() =>
        OneLineError.Assert(PublishedKws.Run(Write("nan.wav", TestWav.Float32(16000, [.. Enumerable.Repeat(float.NaN, 16000)]))), 1, "NaN");

    [Test]
    public void Issue19_DevZeroIsNotCalledAnEmptyFile() =>
        OneLineError.Assert(PublishedKws.Run("/dev/zero"), 1, "does not start with \"RIFF\"");

    [Test]
    public void ListenKeepsItsDetectionsWhenTheStreamEndsMidSample()
    {
        byte[] recording = File.ReadAllBytes(Path.Combine(Kws.Tests.Shared.RepositoryPaths.Samples, "long", "long_0.wav"));
        ProcessResult result = PublishedKws.RunWithInput(recording[..^1], "listen");
        OneLineError.Assert(result, 1, "mid-sample");
        Assert.That(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.Not.Empty, "the detections before the break stand");
    }

    [Test]
    public void ListenRefusesAWavHeaderThatContradictsRaw()
    {
        byte[] recording = File.ReadAllBytes(Path.Combine(Kws.Tests.Shared.RepositoryPaths.Samples, "long", "long_0.wav"));
        OneLineError.Assert(PublishedKws.RunWithInput(recording, "listen", "--raw", "--rate", "8000"), 1, "drop --raw");
    }

    [Test]
    public void ListenRefusesNonFiniteRawFloats()
    {
        byte[] nan = TestWav.DataOf(TestWav.Float32(16000, 0.1f, float.PositiveInfinity));
        OneLineError.Assert(PublishedKws.RunWithInput(nan, "listen", "--raw", "--rate", "16000", "--format", "f32le"), 1, "infinite");
    }

    [TestCase("--raw", "--rate", "0")]
    [TestCase("--raw", "--rate", "16000", "--channels", "5000")]
    [TestCase("--raw")]
    [TestCase("--rate", "16000")]
    [TestCase("--raw", "--rate", "16000", "--format", "mp3")]
    [TestCase("--threshold", "nan")]
    [TestCase("--hop", "-1")]
    public void ListenRefusesAbsurdOptions(params string[] options) =>
        OneLineError.Assert(PublishedKws.RunWithInput([], ["listen", .. options]), 2, "");

    [Test]
    public void ListenOnAnEmptyStreamSaysSo() =>
        OneLineError.Assert(PublishedKws.RunWithInput([], "listen"), 1, "empty");
}
