using Kws.Compiler.Quantization.Calibration;

namespace Kws.Compiler.Quantization.Ranges;

/// <summary>
/// MSE-optimal (L2) clipping: of the ranges [a, b] on a grid inside the measured extremes, the one whose quantizer
/// (scale and zero point as PyTorch computes them for the settings) gives the calibration values the least squared
/// error, rounding and clipping together (<see cref="QuantizationError"/>). One-sided tensors (ReLU outputs) search the
/// top only; two-sided ones search both ends.
/// </summary>
public static class MseRange
{
    /// <summary>Candidate ends per side: 1024 for a one-sided tensor, 128 x 128 pairs for a two-sided one.</summary>
    private const int OneSidedSteps = 1024;
    private const int TwoSidedSteps = 128;

    public static (float Min, float Max) Choose(ActivationHistogram histogram, ObserverSettings settings)
    {
        var error = new QuantizationError(histogram);
        bool twoSided = histogram.Low < 0 && histogram.High > 0;
        int steps = twoSided ? TwoSidedSteps : OneSidedSteps;
        float[] lows = Candidates(histogram.Low, steps);
        float[] highs = Candidates(histogram.High, steps);
        (float Min, float Max) best = (histogram.Low, histogram.High);
        double bestError = double.PositiveInfinity;
        foreach (float low in lows)
        {
            foreach (float high in highs)
            {
                (float scale, int zeroPoint) = QuantizationParameterMath.Calculate(low, high, settings);
                double e = error.Of(scale, zeroPoint);
                if (e < bestError)
                {
                    (best, bestError) = ((low, high), e);
                }
            }
        }
        return best;
    }

    /// <summary>end * k / steps for k = steps down to 1, widest first (so ties keep the wider range); just 0 for a zero end.</summary>
    private static float[] Candidates(float end, int steps) => end == 0
        ? [0f]
        : Enumerable.Range(0, steps).Select(k => (float)((double)end * (steps - k) / steps)).ToArray();
}
