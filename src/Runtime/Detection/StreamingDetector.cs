using Kws.Runtime.Audio;

namespace Kws.Runtime.Detection;

/// <summary>
/// Keyword detection on audio that arrives a piece at a time, in memory that does not grow with its length. Samples
/// at the source rate go through a <see cref="StreamingResampler"/> to the model's rate; every hop, the window of the
/// model's input length that ends there is classified (its time is its centre) and the probabilities go to a
/// <see cref="CommandRecognizer"/>, which decides detections at once. Windows quieter than
/// <see cref="DetectorOptions.MinimumRms"/> are not classified and clear the averaging. A recording shorter than one
/// window gets one zero-padded window when it ends. However the audio is split into writes, the detections are the
/// same: the resampled signal is the same bits (<see cref="StreamingResampler"/>) and windows start at fixed multiples
/// of the hop. Not thread-safe.
/// </summary>
public sealed class StreamingDetector
{
    private readonly IKeywordModel model;
    private readonly DetectorOptions options;
    private readonly StreamingResampler resampler;
    private readonly CommandRecognizer recognizer;
    private readonly Action<Detection> found;
    private readonly int hop;
    private readonly float[] resampled;
    private readonly float[] signal;  // model-rate samples from signalStart on
    private readonly float[] input;
    private readonly float[] logProbs;
    private readonly float[] probabilities;
    private long signalStart;
    private int signalCount;
    private long nextWindow;
    private bool finished;

    /// <param name="model">the model run on every window</param>
    /// <param name="sourceRate">the rate of the audio written in, in Hz</param>
    /// <param name="found">called with each detection as soon as it is decided</param>
    /// <param name="options">the detector's options (the documented defaults when null)</param>
    public StreamingDetector(IKeywordModel model, int sourceRate, Action<Detection> found, DetectorOptions? options = null)
    {
        this.model = model;
        this.found = found;
        this.options = options ?? new DetectorOptions();
        this.options.Validate();
        SourceRate = sourceRate;
        // Each write gives at most about MaxSamplesPerWrite outputs: at 1 Hz into 8 kHz, 4,096 samples in would be 32 M
        // out (two 131 MB buffers for a 64 KB stream), so a low source rate is taken a few samples at a time.
        samplesPerWrite = (int)Math.Clamp((long)MaxSamplesPerWrite * sourceRate / model.SampleRate, 1, MaxSamplesPerWrite);
        resampler = new StreamingResampler(new SincResampler(sourceRate, model.SampleRate), samplesPerWrite);
        recognizer = new CommandRecognizer(model.Labels, this.options);
        hop = Math.Max(1, (int)Math.Round(this.options.HopSeconds * model.SampleRate));
        resampled = new float[Math.Max(resampler.MaxOutputLength(samplesPerWrite), resampler.MaxFinishLength)];
        signal = new float[model.InputLength + hop + resampled.Length];
        input = new float[model.InputLength];
        logProbs = new float[model.Labels.Count];
        probabilities = new float[model.Labels.Count];
    }

    /// <summary>Source samples taken into the resampler at once (fewer when the source rate is below the model's); larger writes are split.</summary>
    public const int MaxSamplesPerWrite = 4096;

    private readonly int samplesPerWrite;

    /// <summary>The rate of the audio written in, in Hz.</summary>
    public int SourceRate { get; }

    /// <summary>Seconds of audio written so far.</summary>
    public double Seconds => (double)resampler.InputLength / SourceRate;

    /// <summary>Takes mono samples at the source rate; detections they complete are reported before it returns.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        while (!samples.IsEmpty)
        {
            int take = Math.Min(samples.Length, samplesPerWrite);
            Append(resampler.Write(samples[..take], resampled));
            samples = samples[take..];
            ClassifyCompleteWindows();
        }
    }

    /// <summary>Ends the audio: the resampler's last samples, and one zero-padded window if none fitted.</summary>
    public void Finish()
    {
        if (finished)
        {
            return;
        }
        Append(resampler.Finish(resampled));
        ClassifyCompleteWindows();
        finished = true;
        if (nextWindow == 0)
        {
            Classify(0);
        }
    }

    private void Append(int count)
    {
        // Keep only what the next window and those after it read.
        int drop = (int)Math.Clamp(nextWindow - signalStart, 0, signalCount);
        signal.AsSpan(drop, signalCount - drop).CopyTo(signal);
        signalCount -= drop;
        signalStart += drop;
        resampled.AsSpan(0, count).CopyTo(signal.AsSpan(signalCount));
        signalCount += count;
    }

    private void ClassifyCompleteWindows()
    {
        while (nextWindow + model.InputLength <= signalStart + signalCount)
        {
            Classify(nextWindow);
            nextWindow += hop;
        }
    }

    private void Classify(long start)
    {
        int offset = (int)(start - signalStart);
        AudioFrontEnd.FitToLength(signal.AsSpan(offset, Math.Min(signalCount - offset, model.InputLength)), input);
        double time = (start + model.InputLength / 2.0) / model.SampleRate;
        if (Rms(input) < options.MinimumRms)
        {
            recognizer.Reset();
            return;
        }
        model.Infer(input, logProbs);
        for (int i = 0; i < logProbs.Length; i++)
        {
            probabilities[i] = MathF.Exp(logProbs[i]);
        }
        if (recognizer.Process(probabilities, time) is Detection detection)
        {
            found(detection);
        }
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
