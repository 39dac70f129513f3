using System.Runtime.CompilerServices;
using System.Numerics;

namespace Kws.Runtime.Layers;

/// <summary>
/// MaxPool1d(kernel, stride) per channel, no padding, on uint8 codes or floats. Exact on codes: max commutes with
/// the monotonic map from code to real value, so pooling the codes equals pooling the values.
/// </summary>
public static class MaxPool1dKernel
{
    /// <summary>The maximum of each window of <paramref name="kernelSize"/> positions, every <paramref name="stride"/> positions, per channel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(ReadOnlySpan<T> input, int channels, int inputLength, int kernelSize, int stride, Span<T> output)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        int outputLength = output.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            for (int t = 0; t < outputLength; t++)
            {
                ReadOnlySpan<T> window = input.Slice(c * inputLength + t * stride, kernelSize);
                T max = window[0];
                for (int k = 1; k < window.Length; k++)
                {
                    max = window[k] > max ? window[k] : max;
                }
                output[c * outputLength + t] = max;
            }
        }
    }
}
