using CommunityToolkit.HighPerformance.Buffers;

namespace Kws.Runtime.Audio;

/// <summary>
/// WAV to model input, as the reference pipeline does it (docs/references.md): decode to float in [-1, 1] and average
/// the channels (<see cref="WavReader"/>), resample to the model's rate (<see cref="SincResampler"/>, torchaudio's
/// defaults), then keep the first <see cref="InputLength"/> samples or zero-pad the end up to it.
/// Resamplers are built once per source rate and kept; not thread-safe.
/// </summary>
public sealed class AudioFrontEnd
{
    private readonly Dictionary<int, SincResampler> resamplers = [];

    /// <summary>A front end for a model that takes <paramref name="inputLength"/> samples at <paramref name="sampleRate"/> Hz.</summary>
    public AudioFrontEnd(int sampleRate, int inputLength)
    {
        if (sampleRate <= 0 || inputLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), "the model's sample rate and input length must be positive");
        }
        SampleRate = sampleRate;
        InputLength = inputLength;
    }

    /// <summary>A front end for <paramref name="model"/>'s sample rate and input length.</summary>
    public AudioFrontEnd(IKeywordModel model) : this(model.SampleRate, model.InputLength)
    {
    }

    /// <summary>The sample rate the output is resampled to, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Samples in one model input.</summary>
    public int InputLength { get; }

    /// <summary>Reads a WAV file into one model input; <see cref="WavFormatException"/> if it cannot.</summary>
    public float[] PrepareFile(string path)
    {
        var input = new float[InputLength];
        Prepare(WavReader.ReadFile(path), input);
        return input;
    }

    /// <summary>Decodes the bytes of a WAV file into <paramref name="modelInput"/> (<see cref="InputLength"/> samples); <see cref="WavFormatException"/> if they are not a WAV file it reads.</summary>
    public void Prepare(ReadOnlySpan<byte> wavFile, Span<float> modelInput) => Prepare(WavReader.Read(wavFile), modelInput);

    /// <summary>Resamples decoded audio and pads or cuts it into <paramref name="modelInput"/> (<see cref="InputLength"/> samples).</summary>
    public void Prepare(WavAudio audio, Span<float> modelInput) => Prepare(audio.Samples, audio.SampleRate, modelInput);

    /// <summary>Resamples mono samples at <paramref name="sampleRate"/> and pads or cuts them into <paramref name="modelInput"/>.</summary>
    public void Prepare(ReadOnlySpan<float> samples, int sampleRate, Span<float> modelInput)
    {
        if (modelInput.Length != InputLength)
        {
            throw new ArgumentException($"the model input holds {InputLength} samples, not {modelInput.Length}", nameof(modelInput));
        }
        SincResampler resampler = ResamplerFrom(sampleRate);
        using MemoryOwner<float> resampled = MemoryOwner<float>.Allocate(resampler.OutputLength(samples.Length));
        resampler.Resample(samples, resampled.Span);
        FitToLength(resampled.Span, modelInput);
    }

    /// <summary>Whole-recording resampling for streaming detection: the signal at the model's rate, uncut.</summary>
    public float[] Resample(WavAudio audio) => ResamplerFrom(audio.SampleRate).Resample(audio.Samples);

    /// <summary>Copies the first samples of <paramref name="signal"/> that fit and zero-fills the rest.</summary>
    public static void FitToLength(ReadOnlySpan<float> signal, Span<float> modelInput)
    {
        int kept = Math.Min(signal.Length, modelInput.Length);
        signal[..kept].CopyTo(modelInput);
        modelInput[kept..].Clear();
    }

    private SincResampler ResamplerFrom(int sampleRate)
    {
        if (!resamplers.TryGetValue(sampleRate, out SincResampler? resampler))
        {
            try
            {
                resampler = new SincResampler(sampleRate, SampleRate);
            }
            catch (NotSupportedException e)
            {
                throw new WavFormatException($"unsupported sample rate: {e.Message}");
            }
            resamplers[sampleRate] = resampler;
        }
        return resampler;
    }
}
