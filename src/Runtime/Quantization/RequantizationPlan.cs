using System;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Quantization
{
    /// <summary>
    /// The once-only arithmetic of an int8 Conv1d or Linear (TFLite Micro's "Prepare"): per output channel, the constants
    /// the kernels use, derived from the manifest's scales, zero points, weights and float bias. Both engines use this
    /// same code (the generator links this file), so they cannot disagree on a constant. The rule is in
    /// docs/quantization.md and was measured against PyTorch 1.13's onednn kernels:
    /// <code>
    ///   acc   = sum(w[o,i,k] * q_in[i, t*stride+k]) + Correction[o]        (int32, exact)
    ///   q_out = clamp(round_half_even(((float)acc + Offset[o]) * Multiplier[o]) + OutputZeroPoint, Min, Max)
    /// </code>
    /// with float32 add then multiply. The constants are ideep's (PyTorch's onednn glue), in float32 from reciprocal
    /// scales: biasScale = (float)(1 / inputScale) * (float)(1 / weightScale[o]), Offset = bias * biasScale (the bias in
    /// accumulator units), Multiplier = (float)(1 / outputScale) / biasScale.
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

        /// <summary>-InputZeroPoint * sum of the channel's weights: folds the input zero point out of the inner loop.</summary>
        public int[] Correction { get; }

        /// <summary>(float)(1 / outputScale) / biasScale[o] in float32: from accumulator units to output codes.</summary>
        public float[] Multiplier { get; }

        /// <summary>bias[o] * biasScale[o] in float32: the bias in accumulator units, added before the multiply.</summary>
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
        public static RequantizationPlan For(WeightedLayerSpec layer)
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
                correction[o] = -layer.Input.ZeroPoint * sum;
                // |sum(w * q)| <= sum|w| * 255, and the correction adds at most sum|w| * 255 more.
                maxAbsAccumulator = Math.Max(maxAbsAccumulator, absSum * 255 * 2);
                // Each reciprocal in double, rounded once to float32; products and quotient in float32, as ideep does.
                float biasScale = (float)(1.0 / layer.Input.Scale) * (float)(1.0 / layer.WeightQuantization.ScaleOf(o));
                multiplier[o] = (float)(1.0 / layer.Output.Scale) / biasScale;
                offset[o] = layer.Bias[o] * biasScale;
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
    }
}
