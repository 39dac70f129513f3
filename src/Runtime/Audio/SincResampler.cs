using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kws.Runtime.Audio;

/// <summary>
/// Band-limited resampling identical to torchaudio 0.13's <c>transforms.Resample(orig, new)</c> with its defaults
/// (Hann-windowed sinc, lowpass_filter_width 6, rolloff 0.99). The rates are reduced by their gcd to orig' and new';
/// each of the new' output phases has its own filter of 2 * width + orig' taps, built in double exactly as torchaudio
/// builds it (including the phase offsets j / new' computed in float32) and rounded once to float32. The signal is
/// zero-padded by width on the left and width + orig' on the right and filtered with stride orig'; output j of
/// frame f lands at f * new' + j, and the result is cut to ceil(new' * length / orig') samples.
/// Sums are taken in double (four partial sums in a fixed order), so the only difference from torchaudio is its own
/// float32 summation error.
/// </summary>
public sealed class SincResampler
{
    /// <summary>torchaudio's default lowpass_filter_width: zero crossings of the sinc on each side.</summary>
    public const int LowpassFilterWidth = 6;

    /// <summary>torchaudio's default rolloff: the cutoff as a fraction of the lower Nyquist frequency.</summary>
    public const double Rolloff = 0.99;

    /// <summary>
    /// Largest filter bank built (taps over all phases, 32 MB as double). Rates with a small gcd need one filter per
    /// output phase: 44100 to 8000 needs 80 x 509 taps, but 44101 to 8000 would need 8000 x 44169.
    /// </summary>
    public const long MaxFilterTaps = 4L * 1024 * 1024;

    // Each tap is rounded to float32 as torchaudio's is, then kept as double so the dot product needs no conversion.
    private readonly double[][] filters;
    private readonly int width;

    /// <summary>Builds the filter bank from <paramref name="originalRate"/> to <paramref name="newRate"/> Hz (both positive).</summary>
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
        width = (int)Math.Ceiling(LowpassFilterWidth * ReducedOriginal / BaseFrequency(ReducedOriginal, ReducedNew));
        long taps = (long)ReducedNew * (2L * width + ReducedOriginal);
        if (!IsIdentity && taps > MaxFilterTaps)
        {
            throw new NotSupportedException($"resampling {originalRate} Hz to {newRate} Hz needs a filter bank of {taps} taps (the limit is {MaxFilterTaps}); convert the file to a common rate first");
        }
        filters = IsIdentity ? [] : BuildFilters(ReducedOriginal, ReducedNew, width);
    }

    /// <summary>The input sample rate in Hz.</summary>
    public int OriginalRate { get; }

    /// <summary>The output sample rate in Hz.</summary>
    public int NewRate { get; }

    /// <summary><see cref="OriginalRate"/> divided by the greatest common divisor of both rates.</summary>
    public int ReducedOriginal { get; }

    /// <summary><see cref="NewRate"/> divided by the greatest common divisor of both rates.</summary>
    public int ReducedNew { get; }

    /// <summary>Equal rates: torchaudio returns the waveform unchanged, and so does this.</summary>
    public bool IsIdentity => OriginalRate == NewRate;

    /// <summary>Samples the resampled signal has for <paramref name="inputLength"/> input samples: ceil(new * length / original), as torchaudio cuts it.</summary>
    public int OutputLength(int inputLength) =>
        IsIdentity ? inputLength : (int)(((long)ReducedNew * inputLength + ReducedOriginal - 1) / ReducedOriginal);

    /// <summary>The resampled signal, in a new array of <see cref="OutputLength"/> samples.</summary>
    public float[] Resample(ReadOnlySpan<float> input)
    {
        var output = new float[OutputLength(input.Length)];
        Resample(input, output);
        return output;
    }

    /// <summary>Resamples <paramref name="input"/> into <paramref name="output"/>, which must hold exactly <see cref="OutputLength"/> samples.</summary>
    public void Resample(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != OutputLength(input.Length))
        {
            throw new ArgumentException($"output needs {OutputLength(input.Length)} samples, has {output.Length}", nameof(output));
        }
        if (IsIdentity)
        {
            input.CopyTo(output);
            return;
        }
        int taps = filters[0].Length;
        for (int n = 0; n < output.Length; n++)
        {
            int frame = n / ReducedNew;
            double[] filter = filters[n % ReducedNew];
            // Tap k reads padded[frame * orig + k] = input[frame * orig + k - width] (zero outside the input).
            int first = frame * ReducedOriginal - width;
            int kStart = Math.Max(0, -first);
            int kEnd = Math.Min(taps, input.Length - first);
            output[n] = (float)Dot(filter.AsSpan(kStart, kEnd - kStart), input.Slice(first + kStart, kEnd - kStart));
        }
    }

    /// <summary>
    /// Sum of f[k] * x[k] in double over four interleaved partial sums (s_i takes k = i mod 4, the tail goes to s0),
    /// added as (s0 + s1) + (s2 + s3). The vector loop keeps the four sums in lanes and does the same IEEE operations
    /// in the same order as the scalar loop (no fused multiply-add), so every CPU and path gives the same bits.
    /// </summary>
    private static double Dot(ReadOnlySpan<double> f, ReadOnlySpan<float> x)
    {
        ref double fr = ref MemoryMarshal.GetReference(f);
        ref float xr = ref MemoryMarshal.GetReference(x);
        int n = Math.Min(f.Length, x.Length);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<double> low = Vector128<double>.Zero, high = Vector128<double>.Zero;
            for (; k + 4 <= n; k += 4)
            {
                Vector128<float> four = Vector128.LoadUnsafe(ref xr, (nuint)k);
                low += Vector128.LoadUnsafe(ref fr, (nuint)k) * Vector128.WidenLower(four);
                high += Vector128.LoadUnsafe(ref fr, (nuint)(k + 2)) * Vector128.WidenUpper(four);
            }
            (s0, s1, s2, s3) = (low.GetElement(0), low.GetElement(1), high.GetElement(0), high.GetElement(1));
        }
        for (; k + 4 <= n; k += 4)
        {
            s0 += Unsafe.Add(ref fr, k) * Unsafe.Add(ref xr, k);
            s1 += Unsafe.Add(ref fr, k + 1) * Unsafe.Add(ref xr, k + 1);
            s2 += Unsafe.Add(ref fr, k + 2) * Unsafe.Add(ref xr, k + 2);
            s3 += Unsafe.Add(ref fr, k + 3) * Unsafe.Add(ref xr, k + 3);
        }
        for (; k < n; k++)
        {
            s0 += Unsafe.Add(ref fr, k) * Unsafe.Add(ref xr, k);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>The low-pass cut-off in reduced units: just under the lower rate's Nyquist frequency, times 2.</summary>
    private static double BaseFrequency(int orig, int @new) => Math.Min(orig, @new) * Rolloff;

    private static double[][] BuildFilters(int orig, int @new, int width)
    {
        double baseFrequency = BaseFrequency(orig, @new);
        int taps = 2 * width + orig;
        double scale = baseFrequency / orig;
        var result = new double[@new][];
        for (int j = 0; j < @new; j++)
        {
            // torchaudio builds this offset with a float32 arange divided by new_freq, before promoting to double.
            double phase = (float)-j / (float)@new;
            var filter = new double[taps];
            for (int k = 0; k < taps; k++)
            {
                double index = (double)(k - width) / orig;
                double t = (phase + index) * baseFrequency;
                t = Math.Clamp(t, -LowpassFilterWidth, LowpassFilterWidth);
                double cosine = Math.Cos(t * Math.PI / LowpassFilterWidth / 2);
                double window = cosine * cosine;
                t *= Math.PI;
                double sinc = t == 0 ? 1.0 : Math.Sin(t) / t;
                filter[k] = (float)(sinc * (window * scale));  // rounded to float32, as torchaudio's kernel is
            }
            result[j] = filter;
        }
        return result;
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
