namespace Kws.Runtime.Audio;

/// <summary>
/// The taps of torchaudio 0.13's <c>Resample(orig, new)</c> filter, one filter per output phase, stored only where
/// they can be non-zero. torchaudio gives every phase <c>2 * width + orig'</c> taps, but outside |t| &lt; 6 the Hann
/// window is cos(pi / 2)^2 and the tap rounds to a float32 zero; a zero tap adds nothing to a finite sum that starts
/// at +0, so leaving it out gives the same bits and makes odd rate pairs affordable (999,983 Hz to 8 kHz keeps 1,517
/// of 1,001,499 taps per phase). Output <c>f * new' + j</c> is <c>sum over i of Taps(j)[i] * x[f * orig' + Offset(j) + i]</c>.
/// Banks up to <see cref="MaxCachedTaps"/> are built once; larger ones compute a phase's taps when asked, with the
/// same arithmetic, so every rate pair works and gives the same results either way. Immutable and thread-safe.
/// </summary>
internal sealed class SincFilterBank
{
    public const int LowpassFilterWidth = 6;
    public const double Rolloff = 0.99;

    /// <summary>Largest bank kept in memory (taps over all phases; 8 MB as double).</summary>
    public const long MaxCachedTaps = 1L << 20;

    private readonly double baseFrequency;
    private readonly double scale;
    private readonly int[] offsets;
    private readonly int[] starts;
    private readonly double[]? cached;

    public SincFilterBank(int reducedOriginal, int reducedNew) : this(reducedOriginal, reducedNew, MaxCachedTaps)
    {
    }

    /// <param name="reducedOriginal">input samples per filter period</param>
    /// <param name="reducedNew">output samples (phases) per filter period</param>
    /// <param name="maxCachedTaps">tests lower it to check that computed taps give the bank's results</param>
    internal SincFilterBank(int reducedOriginal, int reducedNew, long maxCachedTaps)
    {
        Original = reducedOriginal;
        New = reducedNew;
        baseFrequency = Math.Min(reducedOriginal, reducedNew) * Rolloff;
        scale = baseFrequency / reducedOriginal;
        Width = (int)Math.Ceiling(LowpassFilterWidth * reducedOriginal / baseFrequency);
        int fullTaps = 2 * Width + reducedOriginal;
        // |t| < 6 around the phase's centre, with a tap to spare each side for rounding; the taps beyond are zeros.
        double reach = LowpassFilterWidth * reducedOriginal / baseFrequency;
        offsets = new int[reducedNew];
        starts = new int[reducedNew + 1];
        int minOffset = int.MaxValue, maxEnd = int.MinValue, maxLength = 0;
        for (int j = 0; j < reducedNew; j++)
        {
            double centre = Width - Phase(j) * reducedOriginal;
            int first = Math.Max(0, (int)Math.Floor(centre - reach) - 1);
            int end = Math.Min(fullTaps, (int)Math.Ceiling(centre + reach) + 2);
            offsets[j] = first - Width;
            starts[j + 1] = checked(starts[j] + (end - first));
            minOffset = Math.Min(minOffset, offsets[j]);
            maxEnd = Math.Max(maxEnd, offsets[j] + end - first);
            maxLength = Math.Max(maxLength, end - first);
        }
        MinOffset = minOffset;
        MaxEnd = maxEnd;
        MaxLength = maxLength;
        if (starts[reducedNew] <= maxCachedTaps)
        {
            cached = new double[starts[reducedNew]];
            for (int j = 0; j < reducedNew; j++)
            {
                ComputeTaps(j, cached.AsSpan(starts[j], Length(j)));
            }
        }
    }

    public int Original { get; }
    public int New { get; }
    public int Width { get; }

    /// <summary>The smallest <see cref="Offset"/> over all phases (negative: the filter reaches back before its frame).</summary>
    public int MinOffset { get; }

    /// <summary>The largest <c>Offset(j) + Length(j)</c>: frame f needs the input up to <c>f * orig' + MaxEnd</c>, exclusive.</summary>
    public int MaxEnd { get; }

    public int MaxLength { get; }

    public bool IsCached => cached is not null;

    public int Offset(int phase) => offsets[phase];

    public int Length(int phase) => starts[phase + 1] - starts[phase];

    /// <summary>Phase <paramref name="phase"/>'s taps: from the bank, or computed into <paramref name="scratch"/> (at least <see cref="MaxLength"/> long).</summary>
    public ReadOnlySpan<double> Taps(int phase, Span<double> scratch)
    {
        if (cached is not null)
        {
            return cached.AsSpan(starts[phase], Length(phase));
        }
        Span<double> taps = scratch[..Length(phase)];
        ComputeTaps(phase, taps);
        return taps;
    }

    /// <summary>
    /// Every one of torchaudio's <c>2 * width + orig'</c> taps of a phase, for tests that check the trimmed ones are
    /// zero; the product never calls this.
    /// </summary>
    internal double[] FullFilter(int phase)
    {
        var full = new double[2 * Width + Original];
        for (int k = 0; k < full.Length; k++)
        {
            full[k] = Tap(Phase(phase), k);
        }
        return full;
    }

    private void ComputeTaps(int phase, Span<double> taps)
    {
        double offset = Phase(phase);
        int first = offsets[phase] + Width;
        for (int i = 0; i < taps.Length; i++)
        {
            taps[i] = Tap(offset, first + i);
        }
    }

    /// <summary>torchaudio builds the phase offset with a float32 arange divided by new_freq, then promotes it to double.</summary>
    private double Phase(int j) => (float)-j / (float)New;

    /// <summary>Tap k of the filter at <paramref name="phase"/>, rounded to float32 as torchaudio's kernel is, kept as double.</summary>
    private double Tap(double phase, int k)
    {
        double index = (double)(k - Width) / Original;
        double t = (phase + index) * baseFrequency;
        t = Math.Clamp(t, -LowpassFilterWidth, LowpassFilterWidth);
        double cosine = Math.Cos(t * Math.PI / LowpassFilterWidth / 2);
        double window = cosine * cosine;
        t *= Math.PI;
        double sinc = t == 0 ? 1.0 : Math.Sin(t) / t;
        return (float)(sinc * (window * scale));
    }
}
