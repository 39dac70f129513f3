using Kws.Runtime.Audio;

namespace Kws.Runtime.Detection;

/// <summary>
/// Finds keywords in a long recording: slides a model-length window over the signal (at the model's rate) with a
/// hop, runs the model on each window, and feeds the probabilities to a <see cref="CommandRecognizer"/>. A window's
/// time is its centre. Windows quieter than <see cref="DetectorOptions.MinimumRms"/> are not classified and clear
/// the averaging, so background noise does not accumulate into a word.
/// </summary>
public sealed class KeywordDetector
{
    private readonly IKeywordModel model;
    private readonly DetectorOptions options;

    /// <summary>A detector running <paramref name="model"/>, tuned by <paramref name="options"/> (the defaults when null).</summary>
    public KeywordDetector(IKeywordModel model, DetectorOptions? options = null)
    {
        this.model = model;
        this.options = options ?? new DetectorOptions();
        if (this.options.HopSeconds <= 0 || this.options.AverageWindowSeconds <= 0 || this.options.MinimumCount < 1)
        {
            throw new ArgumentException("hop, averaging window and minimum count must be positive", nameof(options));
        }
    }

    /// <summary>The keywords found in the WAV file at <paramref name="path"/>, resampled to the model's rate first.</summary>
    public IReadOnlyList<Detection> DetectFile(string path)
    {
        var frontEnd = new AudioFrontEnd(model);
        return Detect(frontEnd.Resample(WavReader.ReadFile(path)));
    }

    /// <summary>Detects keywords in mono samples already at the model's sample rate.</summary>
    public IReadOnlyList<Detection> Detect(ReadOnlySpan<float> signal)
    {
        var recognizer = new CommandRecognizer(model.Labels, options);
        var detections = new List<Detection>();
        int length = model.InputLength;
        int hop = Math.Max(1, (int)Math.Round(options.HopSeconds * model.SampleRate));
        var input = new float[length];
        var logProbs = new float[model.Labels.Count];
        var probabilities = new float[model.Labels.Count];
        // At least one window, zero-padded, for recordings shorter than the model's input.
        int last = Math.Max(0, signal.Length - length);
        for (int start = 0; start <= last; start += hop)
        {
            AudioFrontEnd.FitToLength(signal[start..], input);
            double time = (start + length / 2.0) / model.SampleRate;
            if (Rms(input) < options.MinimumRms)
            {
                recognizer.Reset();
                continue;
            }
            model.Infer(input, logProbs);
            for (int i = 0; i < logProbs.Length; i++)
            {
                probabilities[i] = MathF.Exp(logProbs[i]);
            }
            if (recognizer.Process(probabilities, time) is Detection detection)
            {
                detections.Add(detection);
            }
        }
        return detections;
    }

    private static float Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += v * v;
        }
        return (float)Math.Sqrt(sum / x.Length);
    }
}
