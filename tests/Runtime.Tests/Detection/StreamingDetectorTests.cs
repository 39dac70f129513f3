using Kws.Runtime.Audio;
using Kws.Runtime.Detection;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Tests.Audio;
using Kws.Runtime.Tests.Evaluation;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Detection;

/// <summary>Streaming detection gives the same detections however the audio arrives, in memory that does not grow.</summary>
public class StreamingDetectorTests
{
    [Test]
    public void LongRecordingsGiveTheSameDetectionsWholeAndStreamedInRandomPieces()
    {
        var detector = new KeywordDetector(InterpretedModel.Load(RepositoryPaths.Model("cnn_ptq_model.kws.json")));
        foreach (LongRecording recording in ReferenceSamples.LongRecordings())
        {
            IReadOnlyList<Kws.Runtime.Detection.Detection> fromFile = detector.DetectFile(recording.FullPath);
            WavAudio audio = WavReader.ReadFile(recording.FullPath);
            float[] whole = new SincResampler(audio.SampleRate, 8000).Resample(audio.Samples);
            IReadOnlyList<Kws.Runtime.Detection.Detection> fromSignal = detector.Detect(whole);
            using var pieces = new AudioStreamReaderTests.RandomPieces(File.ReadAllBytes(recording.FullPath), seed: 3);
            IReadOnlyList<Kws.Runtime.Detection.Detection> fromPipe = detector.Detect(AudioStreamReader.OpenWav(pieces));
            Assert.That(fromFile, Is.Not.Empty);
            Assert.That(fromSignal, Is.EqualTo(fromFile), recording.File);
            Assert.That(fromPipe, Is.EqualTo(fromFile), recording.File);
        }
    }

    [Test]
    public void AnHourOfAudioAllocatesNothingPerWrite()
    {
        var found = new List<Kws.Runtime.Detection.Detection>();
        var detector = new StreamingDetector(new MeanSignModel(), 16000, found.Add);
        float[] piece = SincResamplerTests.Signal(1600, seed: 9);
        for (int i = 0; i < 100; i++)
        {
            detector.Write(piece);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 36_000; i++)  // an hour in 100 ms pieces
        {
            detector.Write(piece);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Only the detections themselves are new objects.
        Assert.That(allocated, Is.LessThanOrEqualTo(200L * (found.Count + 1)));
        Assert.That(detector.Seconds, Is.EqualTo(3610).Within(1e-9));
    }

    /// <summary>
    /// Found by the hostile sweep: <c>kws listen --raw --rate 1</c> on 64 KB of samples peaked at 264 MB, because 4,096
    /// samples at 1 Hz resample to 32 M at 8 kHz and two buffers were sized for that.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7919)]
    public void Sweep_finding_a_low_source_rate_costs_no_more_memory_than_a_usual_one(int rate)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var detector = new StreamingDetector(new MeanSignModel(), rate, _ => { });
        detector.Write(SincResamplerTests.Signal(2 * StreamingDetector.MaxSamplesPerWrite, seed: 5).AsSpan(0, Math.Min(2 * StreamingDetector.MaxSamplesPerWrite, 3 * rate)));
        detector.Finish();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(4_000_000));
    }

    [Test]
    public void ALowSourceRateGivesTheSameDetectionsInAnyPieces()
    {
        float[] signal = SincResamplerTests.Signal(40, seed: 8);
        var whole = new List<Kws.Runtime.Detection.Detection>();
        var options = new DetectorOptions { MinimumCount = 1, MinimumRms = 0 };
        var detector = new StreamingDetector(new MeanSignModel(), 3, whole.Add, options);
        detector.Write(signal);
        detector.Finish();
        var pieces = new List<Kws.Runtime.Detection.Detection>();
        detector = new StreamingDetector(new MeanSignModel(), 3, pieces.Add, options);
        foreach (float sample in signal)
        {
            detector.Write([sample]);
        }
        detector.Finish();
        Assert.That(whole, Is.Not.Empty);
        Assert.That(pieces, Is.EqualTo(whole));
    }

    [Test]
    public void ARecordingShorterThanOneWindowIsLookedAtOnce()
    {
        var model = new MeanSignModel();
        var found = new List<Kws.Runtime.Detection.Detection>();
        var options = new DetectorOptions { MinimumCount = 1 };
        var detector = new StreamingDetector(model, 8000, found.Add, options);
        detector.Write(Enumerable.Repeat(0.5f, 7000).ToArray());
        Assert.That(found, Is.Empty, "nothing is decided before the end");
        detector.Finish();
        Assert.That(found.Select(d => d.Word), Is.EqualTo(new[] { "up" }));
    }

    [Test]
    public void BadOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new KeywordDetector(new MeanSignModel(), new DetectorOptions { HopSeconds = 0 }));
        Assert.Throws<ArgumentException>(() => new KeywordDetector(new MeanSignModel(), new DetectorOptions { Threshold = 2 }));
        Assert.Throws<ArgumentException>(() => new KeywordDetector(new MeanSignModel(), new DetectorOptions { AverageWindowSeconds = double.NaN }));
    }
}
