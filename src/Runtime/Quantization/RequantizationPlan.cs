using System;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Quantization
{
    /// <summary>
    /// The once-only arithmetic of an int8 Conv1d or Linear (TFLite Micro's "Prepare"): per output channel, the constants
    /// the kernels use, derived from the manifest's scales, zero points, weights and float bias. Both engines use this
    /// same code (the generator links this file), so they cannot disagree on a constant. One kernel rule serves every
    /// PyTorch engine (docs/quantization.md):
    /// <code>
    ///   acc   = sum(w[o,i,k] * q_in[i, t*stride+k]) + Correction[o]        (int32, exact)
    ///   q_out = clamp(round_half_even(((float)acc + Offset[o]) * Multiplier[o]) + OutputZeroPoint, Min, Max)
    /// </code>
    /// with float32 add then multiply. The engines differ only in the constants:
    /// <list type="bullet">
    /// <item>onednn uses ideep's (PyTorch's onednn glue), in float32 from reciprocal scales:
    /// biasScale = (float)(1 / s_in) * (float)(1 / s_w[o]), Offset = bias * biasScale (the bias in accumulator units),
    /// Multiplier = (float)(1 / s_out) / biasScale;</item>
    /// <item>qnnpack quantizes the bias to int32 first, round_half_even(bias * (1f / (float)(s_w * s_in))), and adds it to
    /// the accumulator (Correction), Offset = 0; Multiplier = ((float)s_w * (float)s_in) * (1f / (float)s_out), every
    /// step float32.</item>
    /// </list>
    /// Measured against PyTorch 1.13: onednn on the committed checkpoints, qnnpack by models/recipe/measure_qnnpack.py.
    /// </summary>
    public sealed class RequantizationPlan
    {
        private RequantizationPlan(int[] correction, float[] multiplier, float[] offset, int[] weightSums,
            int inputZeroPoint, int outputZeroPoint, int min, int max)
        {
            Correction = correction;
            Multiplier = multiplier;
            Offset = offset;
            WeightSums = weightSums;
            InputZeroPoint = inputZeroPoint;
            OutputZeroPoint = outputZeroPoint;
            Min = min;
            Max = max;
        }

        /// <summary>
        /// -InputZeroPoint * sum of the channel's weights (folds the input zero point out of the inner loop), plus the
        /// int32 bias on qnnpack.
        /// </summary>
        public int[] Correction { get; }

        /// <summary>The float32 factor from accumulator units to output codes, as the engine computes it.</summary>
        public float[] Multiplier { get; }

        /// <summary>onednn: bias[o] * biasScale[o] in float32, the bias in accumulator units, added before the multiply; qnnpack: 0 (its bias is in Correction).</summary>
        public float[] Offset { get; }

        /// <summary>Sum of each output channel's int8 weights.</summary>
        public int[] WeightSums { get; }

        /// <summary>Zero point of the uint8 codes the layer reads.</summary>
        public int InputZeroPoint { get; }

        /// <summary>Zero point of the uint8 codes the layer writes.</summary>
        public int OutputZeroPoint { get; }

        /// <summary>Lowest output code: the output zero point when ReLU is fused (real value 0), else 0.</summary>
        public int Min { get; }

        /// <summary>Highest output code: 255.</summary>
        public int Max { get; }

        /// <summary>Weights per output channel (inChannels * kernelSize for Conv1d, inFeatures for Linear).</summary>
        public static RequantizationPlan For(WeightedLayerSpec layer, QuantizedEngine engine)
        {
            if (layer.Int8Weights is null || layer.WeightQuantization is null || layer.Input is null || layer.Output is null)
            {
                throw new ArgumentException($"layer {layer.Name} is not an int8 layer", nameof(layer));
            }
            sbyte[] weights = layer.Int8Weights;
            int outChannels = layer.OutChannels;
            int perChannel = weights.Length / outChannels;
            var sums = new int[outChannels];
            var correction = new int[outChannels];
            var multiplier = new float[outChannels];
            var offset = new float[outChannels];
            long maxAbsAccumulator = 0;
            for (int o = 0; o < outChannels; o++)
            {
                int sum = 0;
                long absSum = 0;
                for (int j = 0; j < perChannel; j++)
                {
                    sbyte w = weights[o * perChannel + j];
                    sum += w;
                    absSum += Math.Abs((int)w); // widened first: Math.Abs((sbyte)-128) throws
                }
                sums[o] = sum;
                double weightScale = layer.WeightQuantization.ScaleOf(o);
                long bias = 0;
                if (engine == QuantizedEngine.Qnnpack)
                {
                    bias = QnnpackBias(layer.Bias[o], layer.Input.Scale, weightScale);
                    multiplier[o] = QnnpackMultiplier(layer.Input.Scale, weightScale, layer.Output.Scale);
                }
                else
                {
                    // Each reciprocal in double, rounded once to float32; products and quotient in float32, as ideep does.
                    float biasScale = (float)(1.0 / layer.Input.Scale) * (float)(1.0 / weightScale);
                    multiplier[o] = (float)(1.0 / layer.Output.Scale) / biasScale;
                    offset[o] = layer.Bias[o] * biasScale;
                }
                // |sum(w * q)| <= sum|w| * 255, and the correction adds at most sum|w| * 255 plus the int32 bias.
                maxAbsAccumulator = Math.Max(maxAbsAccumulator, absSum * 255 * 2 + Math.Abs(bias));
                // Exact whenever the bound below holds; a layer where it does not is refused.
                correction[o] = unchecked((int)(-layer.Input.ZeroPoint * (long)sum + bias));
                if (float.IsInfinity(multiplier[o]) || float.IsInfinity(offset[o]) || multiplier[o] == 0)
                {
                    throw new ManifestValidationException($"requantization constants out of float32 range for output channel {o}");
                }
            }
            if (maxAbsAccumulator > int.MaxValue)
            {
                throw new ManifestValidationException($"the int32 accumulator could overflow ({perChannel} weights per channel)");
            }
            int zp = layer.Output.ZeroPoint;
            return new RequantizationPlan(correction, multiplier, offset, sums, layer.Input.ZeroPoint, zp, layer.Relu ? zp : 0, 255);
        }

        /// <summary>
        /// qnnpack's requantization scale (PyTorch's generate_requantization_scales): the scales narrowed to float32,
        /// then (w * in) * (1 / out) in float32. It differs from the double quotient in the last bit for about a
        /// third of scale triples, which moves a rounding on about one value in 10^5.
        /// </summary>
        internal static float QnnpackMultiplier(double inputScale, double weightScale, double outputScale)
        {
            float product = (float)weightScale * (float)inputScale;
            return product * (1f / (float)outputScale);
        }

        /// <summary>
        /// qnnpack's int32 bias (quantize_per_tensor(bias, s_w * s_in, 0, qint32)): the quantum's product in double,
        /// narrowed to float32, its float32 reciprocal times the bias, rounded half to even and saturated to int32.
        /// </summary>
        internal static long QnnpackBias(float bias, double inputScale, double weightScale)
        {
            float inverse = 1f / (float)(weightScale * inputScale);
            float scaled = (float)Math.Round(bias * inverse, MidpointRounding.ToEven);
            if (!(scaled > int.MinValue)) return int.MinValue; // NaN cannot happen: the validator refuses a non-finite bias
            return scaled >= 2147483648f ? int.MaxValue : (long)scaled;
        }
    }
}
