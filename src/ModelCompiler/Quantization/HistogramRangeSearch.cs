namespace Kws.Compiler.Quantization;

/// <summary>
/// PyTorch 1.13's <c>HistogramObserver._non_linear_param_search</c>: starting from the whole histogram, move whichever
/// end (in quantile steps of 1e-5) cuts off more bins, as long as the L2 error of quantizing the histogram to
/// 2^8 levels between the new ends (<c>_compute_quantization_error</c>) does not grow. Every step is computed in the types
/// PyTorch uses: Python doubles for the quantiles and bin widths, float32 tensors for the per-bin error terms, whose sum
/// is <see cref="TorchFloatSum"/>'s.
/// </summary>
internal sealed class HistogramRangeSearch
{
    private const double StepSize = 1e-5;
    private const int DestinationBins = 256;

    private readonly float[] histogram;
    private readonly float min;
    private readonly float max;
    private readonly float[] norms;

    private HistogramRangeSearch(float[] histogram, float min, float max)
    {
        this.histogram = histogram;
        this.min = min;
        this.max = max;
        norms = new float[histogram.Length];
    }

    /// <summary>The (min, max) the search settles on for a histogram of equal bins over [min, max].</summary>
    public static (float Min, float Max) Search(float[] histogram, float min, float max) =>
        new HistogramRangeSearch(histogram, min, max).Run();

    private (float Min, float Max) Run()
    {
        int bins = histogram.Length;
        float binWidth = (max - min) / bins;
        double total = TorchFloatSum.Sum(histogram);
        var cumulative = new float[bins];
        double running = 0.0;
        for (int i = 0; i < bins; i++)
        {
            running += histogram[i];
            cumulative[i] = (float)running;
        }

        double alpha = 0.0;
        double beta = 1.0;
        int startBin = 0;
        int endBin = bins - 1;
        double normMin = double.PositiveInfinity;
        while (alpha < beta)
        {
            double nextAlpha = alpha + StepSize;
            double nextBeta = beta - StepSize;
            // PyTorch compares a float32 element with a Python float: the float is rounded to float32 first.
            float lowQuantile = (float)(nextAlpha * total);
            float highQuantile = (float)(nextBeta * total);
            int l = startBin;
            int r = endBin;
            while (l < endBin && cumulative[l] < lowQuantile)
            {
                l++;
            }
            while (r > startBin && cumulative[r] > highQuantile)
            {
                r--;
            }
            int nextStartBin = startBin;
            int nextEndBin = endBin;
            if (l - startBin > endBin - r)
            {
                nextStartBin = l;
                alpha = nextAlpha;
            }
            else
            {
                nextEndBin = r;
                beta = nextBeta;
            }
            if (nextStartBin == startBin && nextEndBin == endBin)
            {
                continue;
            }
            double norm = QuantizationError(nextStartBin, nextEndBin);
            if (norm > normMin)
            {
                break;
            }
            normMin = norm;
            startBin = nextStartBin;
            endBin = nextEndBin;
        }
        float newMin = min + binWidth * startBin;
        float newMax = min + binWidth * (endBin + 1);
        return (newMin, newMax);
    }

    /// <summary>
    /// <c>_compute_quantization_error</c>: the L2 error of mapping the source bins onto 256 destination bins spanning
    /// source bins startBin..endBin, each source bin's mass taken as uniform over its width.
    /// </summary>
    private double QuantizationError(int startBin, int endBin)
    {
        int bins = histogram.Length;
        double binWidth = ((double)max - min) / bins;
        double destinationWidth = binWidth * (endBin - startBin + 1) / DestinationBins;
        if (destinationWidth == 0.0)
        {
            return 0.0;
        }
        float width = (float)binWidth;
        float destination = (float)destinationWidth;
        float half = (float)(destinationWidth / 2);
        float negativeHalf = (float)(-destinationWidth / 2);
        float halfCubed = half * half * half;
        float negativeHalfCubed = negativeHalf * negativeHalf * negativeHalf;
        float fullBinNorm = (halfCubed - negativeHalfCubed) / 3;
        for (int i = 0; i < bins; i++)
        {
            float sourceBegin = (float)(i - startBin) * width;
            float sourceEnd = sourceBegin + width;
            float beginDestination = Math.Clamp(FloorDivide(sourceBegin, destination), 0f, DestinationBins - 1);
            float beginCenter = (beginDestination + 0.5f) * destination;
            float endDestination = Math.Clamp(FloorDivide(sourceEnd, destination), 0f, DestinationBins - 1);
            float density = histogram[i] / width;

            float deltaBegin = sourceBegin - beginCenter;
            float norm = 0f + density * ((halfCubed - deltaBegin * deltaBegin * deltaBegin) / 3);
            norm += (endDestination - beginDestination - 1) * (density * fullBinNorm);
            float endCenter = endDestination * destination + half;
            float deltaEnd = sourceEnd - endCenter;
            norm += density * ((deltaEnd * deltaEnd * deltaEnd - negativeHalfCubed) / 3);
            norms[i] = norm;
        }
        return TorchFloatSum.Sum(norms);
    }

    /// <summary>
    /// <c>torch.div(a, b, rounding_mode='floor')</c> for float32 (c10::div_floor_floating): (a - fmod(a, b)) / b,
    /// corrected towards the floor, then floored and rounded up when more than 0.5 below the quotient.
    /// </summary>
    private static float FloorDivide(float a, float b)
    {
        if (b == 0f)
        {
            return a / b;
        }
        float mod = a % b; // C#'s float remainder is fmod: exact, with the sign of a
        float quotient = (a - mod) / b;
        if (mod != 0f && (b < 0f) != (mod < 0f))
        {
            quotient -= 1f;
        }
        if (quotient == 0f)
        {
            return MathF.CopySign(0f, a / b);
        }
        float floor = MathF.Floor(quotient);
        return quotient - floor > 0.5f ? floor + 1f : floor;
    }
}
