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
    ///   q_out = clamp(round_half_even((float)acc * Multiplier[o] + Offset[o]) + OutputZeroPoint, Min, Max)
    /// </code>
    /// with float32 multiply then add (never a fused multiply-add), as PyTorch's float requantization does.
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

        /// <summary>float32(inputScale * weightScale[o] / outputScale), computed in double.</summary>
        public float[] Multiplier { get; }

        /// <summary>float32(bias[o] / outputScale), computed in double: the bias in output units.</summary>
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
                multiplier[o] = (float)(layer.Input.Scale * layer.WeightQuantization.ScaleOf(o) / layer.Output.Scale);
                offset[o] = (float)(layer.Bias[o] / layer.Output.Scale);
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
