using Kws.Compiler.Quantization.Calibration;

namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// Bias correction of the weight rounding error (Nagel et al., "Data-Free Quantization", 2019, with the input means
/// measured on the calibration set): quantizing the weights moves each output channel's expected value by
/// sum_ik (w_q - w)[o,i,k] * E[x[i,k]]; subtracting that from the float bias puts the mean back where the float model
/// has it. Computed in double, rounded once to the float32 bias the manifest stores.
/// </summary>
public static class BiasCorrection
{
    public static float[] Correct(ReadOnlySpan<float> weights, ReadOnlySpan<sbyte> codes, QuantizationParameters parameters,
        ReadOnlySpan<float> bias, LayerInputMean inputMean)
    {
        int outChannels = bias.Length;
        int channels = inputMean.Geometry.Channels, taps = inputMean.Geometry.Taps;
        if (weights.Length != outChannels * channels * taps || codes.Length != weights.Length)
        {
            throw new ArgumentException($"{weights.Length} weights do not fit {outChannels} x {channels} x {taps}");
        }
        var corrected = new float[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            float scale = parameters.IsPerChannel ? parameters.Scales[o] : parameters.Scales[0];
            int zeroPoint = parameters.IsPerChannel ? parameters.ZeroPoints[o] : parameters.ZeroPoints[0];
            double shift = 0;
            for (int i = 0; i < channels; i++)
            {
                for (int k = 0; k < taps; k++)
                {
                    int j = (o * channels + i) * taps + k;
                    shift += (WeightQuantizer.Dequantize(codes[j], scale, zeroPoint) - weights[j]) * inputMean[i, k];
                }
            }
            corrected[o] = (float)(bias[o] - shift);
        }
        return corrected;
    }
}
