namespace Kws.Runtime.Audio;

/// <summary>
/// Band-limited resampling identical to torchaudio 0.13's <c>transforms.Resample(orig, new)</c> with its defaults
/// (Hann-windowed sinc, lowpass_filter_width 6, rolloff 0.99). The rates are reduced by their gcd to orig' and new';
/// each of the new' output phases has its own filter (<see cref="SincFilterBank"/>), the signal is zero-padded and
/// filtered with stride orig', output j of frame f lands at f * new' + j, and the result is cut to
/// ceil(new' * length / orig') samples. Sums are taken in double in a fixed order (<see cref="PolyphaseKernel"/>), so
/// the only difference from torchaudio is its own float32 summation error, and every CPU, SIMD path and way of
/// feeding the signal (whole, a prefix, or streamed through <see cref="StreamingResampler"/>) gives the same bits.
/// Any pair of positive rates works; immutable and thread-safe (scratch memory is pooled).
/// </summary>
public sealed class SincResampler
{
    /// <summary>torchaudio's default lowpass_filter_width: zero crossings of the sinc on each side.</summary>
    public const int LowpassFilterWidth = SincFilterBank.LowpassFilterWidth;
    /// <summary>torchaudio's default rolloff: the cutoff as a fraction of the lower Nyquist frequency.</summary>
    public const double Rolloff = SincFilterBank.Rolloff;

    private readonly SincFilterBank? bank;

    /// <summary>A resampler from <paramref name="originalRate"/> to <paramref name="newRate"/> Hz (any positive rates).</summary>
    public SincResampler(int originalRate, int newRate)
    {
        if (originalRate <= 0 || newRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(originalRate), "sample rates must be positive");
        }
        OriginalRate = originalRate;
        NewRate = newRate;
        int gcd = Gcd(originalRate, newRate);
        ReducedOriginal = originalRate / gcd;
        ReducedNew = newRate / gcd;
        bank = IsIdentity ? null : new SincFilterBank(ReducedOriginal, ReducedNew);
    }

    /// <summary>The input rate in Hz.</summary>
    public int OriginalRate { get; }
    /// <summary>The output rate in Hz.</summary>
    public int NewRate { get; }
    /// <summary>The input rate divided by the rates' greatest common divisor: input samples per filter period.</summary>
    public int ReducedOriginal { get; }
    /// <summary>The output rate divided by the greatest common divisor: output samples (filter phases) per period.</summary>
    public int ReducedNew { get; }

    /// <summary>Equal rates: torchaudio returns the waveform unchanged, and so does this.</summary>
    public bool IsIdentity => OriginalRate == NewRate;

    internal SincFilterBank Bank => bank ?? throw new InvalidOperationException("equal rates have no filter");

    /// <summary>torchaudio's output length, ceil(new' * length / orig').</summary>
    public long OutputLength(long inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        if (IsIdentity)
        {
            return inputLength;
        }
        // new' <= 2^31 and a length below 2^63 / 2^31 is more audio than anyone has; the division keeps it exact.
        return (long)(((Int128)ReducedNew * inputLength + ReducedOriginal - 1) / ReducedOriginal);
    }

    /// <summary>How many input samples the first <paramref name="outputs"/> outputs read (what a prefix needs to be exact).</summary>
    public long InputNeeded(long outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputs);
        if (IsIdentity || outputs == 0)
        {
            return outputs;
        }
        long lastFrame = (outputs - 1) / ReducedNew;
        return Math.Max(0, lastFrame * ReducedOriginal + Bank.MaxEnd);
    }

    /// <summary>The whole of <paramref name="input"/> resampled, as torchaudio.transforms.Resample returns it.</summary>
    public float[] Resample(ReadOnlySpan<float> input)
    {
        long length = OutputLength(input.Length);
        if (length > Array.MaxLength)
        {
            throw new ArgumentException($"resampling {input.Length} samples from {OriginalRate} Hz to {NewRate} Hz gives {length} samples, more than an array holds", nameof(input));
        }
        var output = new float[length];
        Resample(input, output);
        return output;
    }

    /// <summary>Resamples the whole of <paramref name="input"/>; <paramref name="output"/> must hold exactly <see cref="OutputLength"/> samples.</summary>
    public void Resample(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != OutputLength(input.Length))
        {
            throw new ArgumentException($"output needs {OutputLength(input.Length)} samples, has {output.Length}", nameof(output));
        }
        ResampleStart(input, output);
    }

    /// <summary>
    /// The first <c>output.Length</c> samples of resampling <paramref name="input"/> (at most its
    /// <see cref="OutputLength"/>), the same bits as the whole; only the first <see cref="InputNeeded"/> inputs are read.
    /// </summary>
    public void ResampleStart(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length > OutputLength(input.Length))
        {
            throw new ArgumentException($"{input.Length} input samples give {OutputLength(input.Length)} outputs, not {output.Length}", nameof(output));
        }
        if (IsIdentity)
        {
            input[..output.Length].CopyTo(output);
            return;
        }
        PolyphaseKernel.Compute(Bank, input, 0, 0, output);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
