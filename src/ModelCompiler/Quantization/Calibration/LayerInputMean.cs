using Kws.Runtime.Layers;

namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// The mean input a weighted layer's weights meet over the calibration set: for input channel i and kernel tap k, the
/// mean of x[i, t*stride + k] over every output position t of every clip (a Linear layer is one position, one tap).
/// The expected output of channel o then moves by sum_ik dw[o,i,k] * mean[i,k] when its weights move by dw, which is
/// what bias correction removes.
/// </summary>
public sealed class LayerInputMean
{
    private readonly double[] sums;
    private long windows;

    private LayerInputMean(InputWindows geometry)
    {
        Geometry = geometry;
        sums = new double[geometry.Channels * geometry.Taps];
    }

    public InputWindows Geometry { get; }

    /// <summary>The mean for input channel <paramref name="channel"/> and tap <paramref name="tap"/>.</summary>
    public double this[int channel, int tap] => windows == 0 ? 0 : sums[channel * Geometry.Taps + tap] / windows;

    /// <summary>The empty mean of a weighted layer, or null for a layer without weights.</summary>
    public static LayerInputMean? For(LayerSpec layer, TensorSpec input) =>
        layer.Accept(InputWindows.Reader, input) is InputWindows geometry ? new LayerInputMean(geometry) : null;

    /// <summary>One clip's sums per (channel, tap), to be added in clip order so the total does not depend on threads.</summary>
    public double[] ClipSums(ReadOnlySpan<float> input)
    {
        InputWindows g = Geometry;
        var clip = new double[sums.Length];
        for (int i = 0; i < g.Channels; i++)
        {
            ReadOnlySpan<float> channel = input.Slice(i * g.Length, g.Length);
            for (int k = 0; k < g.Taps; k++)
            {
                double sum = 0;
                for (int t = 0; t < g.Positions; t++)
                {
                    sum += channel[t * g.Stride + k];
                }
                clip[i * g.Taps + k] = sum;
            }
        }
        return clip;
    }

    public void Add(double[] clipSums)
    {
        for (int j = 0; j < sums.Length; j++)
        {
            sums[j] += clipSums[j];
        }
        windows += Geometry.Positions;
    }

    /// <summary>How a weighted layer slides over its input: [Channels x Length], Taps per window, Positions windows Stride apart.</summary>
    public sealed record InputWindows(int Channels, int Length, int Taps, int Stride, int Positions)
    {
        public static readonly ILayerVisitor<InputWindows?> Reader = new WindowReader();

        private sealed class WindowReader : ILayerVisitor<InputWindows?>
        {
            public InputWindows? Visit(QuantizeLayer layer, TensorSpec input) => null;

            public InputWindows? Visit(Conv1dLayer layer, TensorSpec input) =>
                new(layer.InChannels, layer.InputLength, layer.KernelSize, layer.Stride, layer.OutputLength);

            public InputWindows? Visit(MaxPool1dLayer layer, TensorSpec input) => null;

            public InputWindows? Visit(GlobalAvgPool1dLayer layer, TensorSpec input) => null;

            public InputWindows? Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input) => null;

            // The M5's Linear reads the pooled [features x 1] column: one position, one tap per feature.
            public InputWindows? Visit(LinearLayer layer, TensorSpec input) => new(layer.InChannels, 1, 1, 1, 1);

            public InputWindows? Visit(DequantizeLayer layer, TensorSpec input) => null;

            public InputWindows? Visit(LogSoftmaxLayer layer, TensorSpec input) => null;
        }
    }
}
