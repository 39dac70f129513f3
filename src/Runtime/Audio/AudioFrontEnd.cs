using System.Buffers;

namespace Kws.Runtime.Audio;

/// <summary>
/// WAV to model input, as the reference pipeline does it (docs/references.md): decode to float in [-1, 1] and average
/// the channels (<see cref="WavReader"/>), resample to the model's rate (<see cref="SincResampler"/>, torchaudio's
/// defaults), then keep the first <see cref="InputLength"/> samples or zero-pad the end up to it.
/// Resamplers are built once per source rate and kept (the last <see cref="MaxKeptRates"/> rates); only the samples the
/// model input depends on are decoded and resampled, into pooled buffers, so a call allocates nothing in steady state.
/// Not thread-safe.
/// </summary>
public sealed class AudioFrontEnd
{
    /// <summary>
    /// Source rates whose resampler is kept. A filter bank can take 8 MB (<see cref="SincFilterBank.MaxCachedTaps"/>),
    /// so a folder of files at many odd rates must not keep one per rate (1,000 of them would hold 8 GB).
    /// </summary>
    public const int MaxKeptRates = 4;

    private readonly Dictionary<int, SincResampler> resamplers = [];

    /// <summary>A front end for a model of <paramref name="sampleRate"/> Hz taking <paramref name="inputLength"/> samples.</summary>
    public AudioFrontEnd(int sampleRate, int inputLength)
    {
        if (sampleRate <= 0 || inputLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), "the model's sample rate and input length must be positive");
        }
        SampleRate = sampleRate;
        InputLength = inputLength;
    }

    /// <summary>A front end for <paramref name="model"/>'s rate and input length.</summary>
    public AudioFrontEnd(IKeywordModel model) : this(model.SampleRate, model.InputLength)
    {
    }

    /// <summary>The model's sample rate: every recording is resampled to it.</summary>
    public int SampleRate { get; }
    /// <summary>Samples per model input: shorter recordings are zero-padded, longer ones cut.</summary>
    public int InputLength { get; }

    /// <summary>Reads a WAV file into one model input; <see cref="WavFormatException"/> if it cannot.</summary>
    public float[] PrepareFile(string path)
    {
        var input = new float[InputLength];
        PrepareFile(path, input);
        return input;
    }

    /// <summary>
    /// Reads a WAV file into <paramref name="modelInput"/>, decoding only the samples it needs (memory: the file's bytes,
    /// not 4 more bytes per sample of a long file).
    /// </summary>
    public void PrepareFile(string path, Span<float> modelInput)
    {
        byte[] bytes = WavReader.ReadFileBytes(path);
        try
        {
            Prepare(bytes, modelInput);
        }
        catch (WavFormatException e)
        {
            throw WavReader.Naming(path, e);
        }
    }

    /// <summary>WAV file bytes to one model input; <see cref="WavFormatException"/> if they are not a usable WAV file.</summary>
    public void Prepare(ReadOnlySpan<byte> wavFile, Span<float> modelInput)
    {
        WavLayout layout = WavReader.Locate(wavFile);
        SincResampler resampler = ResamplerFrom(layout.Format.SampleRate);
        int frames = (int)Math.Min(layout.Frames, resampler.InputNeeded(InputLength));
        float[] samples = ArrayPool<float>.Shared.Rent(frames);
        try
        {
            WavReader.Decode(wavFile, layout, samples.AsSpan(0, frames));
            // The first frames give the same first outputs as the whole file (InputNeeded), but torchaudio's
            // output length, and so where the zero padding starts, comes from the whole file's length.
            Prepare(resampler, samples.AsSpan(0, frames), layout.Frames, modelInput);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(samples);
        }
    }

    /// <summary>Resamples a decoded recording and pads or cuts it into <paramref name="modelInput"/>.</summary>
    public void Prepare(WavAudio audio, Span<float> modelInput) => Prepare(audio.Samples, audio.SampleRate, modelInput);

    /// <summary>Resamples mono samples at <paramref name="sampleRate"/> and pads or cuts them into <paramref name="modelInput"/>.</summary>
    public void Prepare(ReadOnlySpan<float> samples, int sampleRate, Span<float> modelInput) =>
        Prepare(ResamplerFrom(sampleRate), samples, samples.Length, modelInput);

    /// <summary>Whole-recording resampling for streaming detection: the signal at the model's rate, uncut.</summary>
    public float[] Resample(WavAudio audio) => ResamplerFrom(audio.SampleRate).Resample(audio.Samples);

    /// <summary>Copies the first samples of <paramref name="signal"/> that fit and zero-fills the rest.</summary>
    public static void FitToLength(ReadOnlySpan<float> signal, Span<float> modelInput)
    {
        int kept = Math.Min(signal.Length, modelInput.Length);
        signal[..kept].CopyTo(modelInput);
        modelInput[kept..].Clear();
    }

    /// <param name="resampler">from the recording's rate to the model's</param>
    /// <param name="samples">the recording's first samples: all that its first <see cref="InputLength"/> outputs read</param>
    /// <param name="recordingLength">the whole recording's length in samples</param>
    /// <param name="modelInput">receives <see cref="InputLength"/> samples</param>
    private void Prepare(SincResampler resampler, ReadOnlySpan<float> samples, long recordingLength, Span<float> modelInput)
    {
        if (modelInput.Length != InputLength)
        {
            throw new ArgumentException($"the model input holds {InputLength} samples, not {modelInput.Length}", nameof(modelInput));
        }
        int kept = (int)Math.Min(resampler.OutputLength(recordingLength), InputLength);
        resampler.ResampleStart(samples, modelInput[..kept]);
        modelInput[kept..].Clear();
    }

    private SincResampler ResamplerFrom(int sampleRate)
    {
        if (!resamplers.TryGetValue(sampleRate, out SincResampler? resampler))
        {
            if (resamplers.Count >= MaxKeptRates)
            {
                resamplers.Clear();
            }
            resampler = new SincResampler(sampleRate, SampleRate);
            resamplers[sampleRate] = resampler;
        }
        return resampler;
    }
}
