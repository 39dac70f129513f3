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
