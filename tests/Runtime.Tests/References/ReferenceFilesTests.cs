using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.References;

/// <summary>
/// The committed PyTorch references (docs/references.md) are complete and consistent: every sample has references
/// for each checkpoint, intermediates have the M5 shapes and agree with each other and with the log-probabilities,
/// and the sample indexes, long recordings and resampler cases are readable and sane.
/// </summary>
public class ReferenceFilesTests
{
    private static readonly string[] Labels = File.ReadAllLines(RepositoryPaths.Model("labels.txt"));

    private static IEnumerable<string> Kinds => ReferenceSet.Kinds;

    private static IEnumerable<string> QuantizedKinds => ReferenceSet.Kinds.Where(k => k != "fp32");

    [TestCase("cnn_fp32_model.pth")]
    [TestCase("cnn_ptq_model.pth")]
    [TestCase("cnn_qat_model.pth")]
    [TestCase("configs/cnn_fp32.yaml")]
    [TestCase("configs/cnn_ptq.yaml")]
    [TestCase("configs/cnn_qat.yaml")]
    [TestCase("cnn_fp32.onnx")]
    [TestCase("cnn_int8_qdq.onnx")]
    [TestCase("recipe/README.md")]
    public void CommittedModelFileExists(string relative)
    {
        Assert.That(new FileInfo(RepositoryPaths.Model(relative)).Length, Is.GreaterThan(100));
    }

    [Test]
    public void LabelsAreTheSortedSpeechCommandsWords()
    {
        Assert.That(Labels, Has.Length.EqualTo(35));
        Assert.That(Labels, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(Labels, Does.Contain("sheila").And.Contain("visual").And.Contain("zero"));
    }

    [TestCaseSource(nameof(Kinds))]
    public void EveryCommittedSampleHasOneReference(string kind)
    {
        ReferenceSet set = ReferenceSet.Load(kind);
        var expected = ReferenceSamples.Clips().Select(c => c.File)
            .Concat(ReferenceSamples.Formats().Select(f => f.File))
            .Order(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(set.Samples.Select(s => s.File).Order(StringComparer.Ordinal), Is.EqualTo(expected));
            Assert.That(set.Labels, Is.EqualTo(Labels));
            Assert.That(set.Checkpoint, Is.EqualTo($"cnn_{kind}_model.pth"));
            Assert.That(File.Exists(set.CheckpointPath), set.CheckpointPath);
            Assert.That(set.Engine, Is.EqualTo("onednn"));
            Assert.That(set.Torch, Does.StartWith("1.13"));
        });
    }

    [TestCaseSource(nameof(Kinds))]
    public void LogProbabilitiesAreNormalisedAndArgmaxIsTheirMaximum(string kind)
    {
        foreach (SampleReference sample in ReferenceSet.Load(kind).Samples)
        {
            Assert.That(sample.LogProbs, Has.Length.EqualTo(Labels.Length), sample.File);
            Assert.That(sample.LogProbs, Has.All.LessThanOrEqualTo(0f), sample.File);
            double total = sample.LogProbs.Sum(p => Math.Exp(p));
            Assert.That(total, Is.EqualTo(1.0).Within(1e-4), sample.File);
            Assert.That(sample.Argmax, Is.EqualTo(Array.IndexOf(sample.LogProbs, sample.LogProbs.Max())), sample.File);
            Assert.That(sample.Predicted, Is.EqualTo(Labels[sample.Argmax]), sample.File);
            Assert.That(Labels, Does.Contain(sample.Label), sample.File);
        }
    }

    [TestCaseSource(nameof(Kinds))]
    public void ReferenceModelRecognisesMostClips(string kind)
    {
        var samples = ReferenceSet.Load(kind).Samples;
        double accuracy = samples.Count(s => s.Predicted == s.Label) / (double)samples.Count;
        // The test split scores about 50% (docs/ACCURACY.md), chance is 1/35: far below means labels and
        // references are out of step.
        Assert.That(accuracy, Is.GreaterThan(0.3), $"{kind} top-1 on committed samples");
    }

    [TestCaseSource(nameof(QuantizedKinds))]
    public void IntermediatesHaveTheM5ShapesInModelOrder(string kind)
    {
        var expectedShapes = ExpectedShapes();
        foreach (SampleReference sample in ReferenceSet.Load(kind).Samples)
        {
            Assert.That(sample.Intermediates.Select(i => i.Name), Is.EqualTo(ReferenceSet.IntermediateNames), sample.File);
            foreach (IntermediateReference i in sample.Intermediates)
            {
                Assert.That(i.Shape, Is.EqualTo(expectedShapes[i.Name]), $"{sample.File} {i.Name}");
                Assert.That(i.Values.LongLength, Is.EqualTo(i.ElementCount), $"{sample.File} {i.Name}");
                Assert.That(i.Scale, Is.GreaterThan(0), $"{sample.File} {i.Name}");
                Assert.That(i.ZeroPoint, Is.InRange(0, 255), $"{sample.File} {i.Name}");
            }
        }
    }

    [TestCaseSource(nameof(QuantizedKinds))]
    public void IntermediatesAreConsistentWithEachOther(string kind)
    {
        foreach (SampleReference sample in ReferenceSet.Load(kind).Samples)
        {
            for (int layer = 1; layer <= 4; layer++)
            {
                IntermediateReference conv = sample.Intermediate($"conv{layer}");
                IntermediateReference pool = sample.Intermediate($"pool{layer}");
                // ReLU is fused: nothing below the zero point. Max pooling keeps the quantization and is exact.
                Assert.That(conv.Values.Min(), Is.GreaterThanOrEqualTo(conv.ZeroPoint), $"{sample.File} conv{layer}");
                Assert.That((pool.Scale, pool.ZeroPoint), Is.EqualTo((conv.Scale, conv.ZeroPoint)), $"{sample.File} pool{layer}");
                Assert.That(pool.Values, Is.EqualTo(MaxPool(conv.Values, conv.Shape[0], conv.Shape[1], 4)), $"{sample.File} pool{layer}");
            }
        }
    }

    [TestCaseSource(nameof(QuantizedKinds))]
    public void DequantizedFc1GivesTheLogProbabilities(string kind)
    {
        foreach (SampleReference sample in ReferenceSet.Load(kind).Samples)
        {
            IntermediateReference fc1 = sample.Intermediate("fc1");
            float[] logits = Enumerable.Range(0, fc1.Values.Length).Select(fc1.Dequantized).ToArray();
            double max = logits.Max();
            double logSum = Math.Log(logits.Sum(v => Math.Exp(v - max))) + max;
            float[] expected = logits.Select(v => (float)(v - logSum)).ToArray();
            Assert.That(sample.LogProbs, Is.EqualTo(expected).Within(1e-4f), sample.File);
        }
    }

    [Test]
    public void ClipsCoverEveryWordAtLeastFourTimes()
    {
        var clips = ReferenceSamples.Clips();
        Assert.That(clips.Select(c => c.Label).Distinct().Order(StringComparer.Ordinal), Is.EqualTo(Labels));
        Assert.That(clips.GroupBy(c => c.Label).Min(g => g.Count()), Is.GreaterThanOrEqualTo(4));
        foreach (LabelledClip clip in clips)
        {
            Assert.That(WavHeader.Read(clip.FullPath), Is.EqualTo(new WavHeader(1, 16000, 16, 16000)), clip.File);
        }
    }

    [Test]
    public void FormatSamplesMatchTheirIndexAndHaveFrontEndReferences()
    {
        var formats = ReferenceSamples.Formats();
        Assert.That(formats, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(formats.Select(f => f.Encoding).Distinct(), Is.SupersetOf(new[] { "pcm16", "pcm8u", "pcm24", "float32" }));
        Assert.That(formats.Select(f => f.SampleRate).Distinct(), Is.SupersetOf(new[] { 8000, 22050, 44100, 48000 }));
        Assert.That(formats.Any(f => f.Channels == 2) && formats.Any(f => f.Seconds < 1) && formats.Any(f => f.Seconds > 1));
        foreach (FormatSample format in formats)
        {
            WavHeader header = WavHeader.Read(format.FullPath);
            Assert.That((header.Channels, header.SampleRate), Is.EqualTo((format.Channels, format.SampleRate)), format.File);
            Assert.That(header.Frames / (double)header.SampleRate, Is.EqualTo(format.Seconds).Within(1e-3), format.File);
            Assert.That(Labels, Does.Contain(format.Label), format.File);
        }

        var frontend = FrontendReference.Load();
        Assert.That(frontend.Select(c => c.File), Is.EquivalentTo(formats.Select(f => f.File)));
        Assert.That(frontend.Select(c => c.ModelInput.Length), Has.All.EqualTo(8000));
        Assert.That(frontend.SelectMany(c => c.ModelInput), Has.All.InRange(-1.5f, 1.5f));
    }

    [Test]
    public void LongRecordingsHaveGroundTruthInsideThem()
    {
        var recordings = ReferenceSamples.LongRecordings();
        Assert.That(recordings, Has.Count.GreaterThanOrEqualTo(2));
        foreach (LongRecording recording in recordings)
        {
            WavHeader header = WavHeader.Read(recording.FullPath);
            double seconds = header.Frames / (double)header.SampleRate;
            Assert.That(header.SampleRate, Is.EqualTo(recording.SampleRate), recording.File);
            Assert.That(seconds, Is.InRange(10.0, 20.0), recording.File);
            Assert.That(recording.Words, Has.Count.GreaterThanOrEqualTo(3), recording.File);
            double previousEnd = 0;
            foreach (SpokenWord word in recording.Words)
            {
                Assert.That(Labels, Does.Contain(word.Word), recording.File);
                Assert.That(word.Start, Is.GreaterThan(previousEnd), $"{recording.File} {word.Word}: words in order, apart");
                Assert.That(word.End, Is.InRange(word.Start, Math.Min(seconds, word.Start + 1.0)), $"{recording.File} {word.Word}");
                previousEnd = word.End;
            }
        }
    }

    [Test]
    public void ResampleCasesCoverEveryRateWithTorchaudiosOutputLength()
    {
        var cases = ResampleReference.Load();
        Assert.That(cases.Select(c => c.OrigRate).Distinct(), Is.EquivalentTo(new[] { 8000, 16000, 22050, 44100, 48000 }));
        Assert.That(cases.Select(c => c.Name).Distinct(), Is.EquivalentTo(new[] { "chirp", "noise", "speech" }));
        foreach (ResampleCase c in cases)
        {
            Assert.That(c.NewRate, Is.EqualTo(8000), c.ToString());
            // torchaudio's output length: ceil(new * length / orig).
            Assert.That(c.Output, Has.Length.EqualTo((int)Math.Ceiling(8000.0 * c.Input.Length / c.OrigRate)), c.ToString());
            if (c.OrigRate == 8000)
            {
                Assert.That(c.Output, Is.EqualTo(c.Input), c.ToString());
            }
        }
    }

    private static Dictionary<string, int[]> ExpectedShapes()
    {
        // M5(stride 16, 32 channels, kernels 80/3/3/3) on 8000 samples; MaxPool1d(4) after each conv.
        var shapes = new Dictionary<string, int[]> { ["quant"] = [1, 8000] };
        int length = 8000;
        (string Name, int Channels, int Kernel, int Stride)[] convs = [("conv1", 32, 80, 16), ("conv2", 32, 3, 1), ("conv3", 64, 3, 1), ("conv4", 64, 3, 1)];
        foreach (var (name, channels, kernel, stride) in convs)
        {
            length = ((length - kernel) / stride) + 1;
            shapes[name] = [channels, length];
            length /= 4;
            shapes[name.Replace("conv", "pool", StringComparison.Ordinal)] = [channels, length];
        }

        shapes["avgpool"] = [64, 1];
        shapes["fc1"] = [1, 35];
        return shapes;
    }

    private static byte[] MaxPool(byte[] values, int channels, int length, int kernel)
    {
        int outLength = length / kernel;
        var pooled = new byte[channels * outLength];
        for (int c = 0; c < channels; c++)
        {
            for (int t = 0; t < outLength; t++)
            {
                pooled[(c * outLength) + t] = values.AsSpan((c * length) + (t * kernel), kernel).ToArray().Max();
            }
        }

        return pooled;
    }
}
