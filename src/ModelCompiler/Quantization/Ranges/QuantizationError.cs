using Kws.Compiler.Quantization.Calibration;

namespace Kws.Compiler.Quantization.Ranges;

/// <summary>
/// The squared error an activation's histogram suffers under a quint8 quantizer as the engines apply it (codes 0..255,
/// value = scale * (code - zeroPoint), rounding to the nearest code, clamping at both ends), each bin counted at its
/// centre. Prefix sums of count, count * value and count * value² over the bins make one evaluation cost one step per
/// code instead of one per bin.
/// </summary>
public sealed class QuantizationError
{
    private const int Codes = 256;

    private readonly ActivationHistogram histogram;
    private readonly double[] count;
    private readonly double[] first;
    private readonly double[] second;

    public QuantizationError(ActivationHistogram histogram)
    {
        this.histogram = histogram;
        int bins = histogram.Bins;
        count = new double[bins + 1];
        first = new double[bins + 1];
        second = new double[bins + 1];
        for (int j = 0; j < bins; j++)
        {
            double n = histogram.Counts[j], c = histogram.Center(j);
            count[j + 1] = count[j] + n;
            first[j + 1] = first[j] + n * c;
            second[j + 1] = second[j] + n * c * c;
        }
    }

    /// <summary>The sum over all calibration values of (value - dequantize(quantize(value)))², per bin centre.</summary>
    public double Of(float scale, int zeroPoint)
    {
        double total = 0;
        int from = 0;
        for (int code = 0; code < Codes && from < histogram.Bins; code++)
        {
            // Code q takes the values below scale * (q - zeroPoint + 0.5); the last code takes everything above.
            int to = code == Codes - 1 ? histogram.Bins : FirstBinAtOrAbove((double)scale * (code - zeroPoint + 0.5));
            if (to > from)
            {
                double value = (double)scale * (code - zeroPoint);
                total += second[to] - second[from] - 2 * value * (first[to] - first[from]) + value * value * (count[to] - count[from]);
                from = to;
            }
        }
        return Math.Max(total, 0);
    }

    /// <summary>The first bin whose centre is at or above <paramref name="value"/>.</summary>
    private int FirstBinAtOrAbove(double value)
    {
        double position = Math.Ceiling((value - histogram.Low) / histogram.BinWidth - 0.5);
        return (int)Math.Clamp(position, 0, histogram.Bins);
    }
}
