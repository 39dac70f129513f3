using System;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Checks that a manifest describes a model the engines can run: shapes chain from the input through every layer,
    /// quantization parameters are in range, the label count matches the classes. Shared by kwsc (before writing),
    /// the interpreter and the generator (linked source), so all three accept exactly the same models.
    /// </summary>
    public static class ManifestValidator
    {
        /// <summary>Upper bound on any one activation tensor, to refuse absurd shapes before allocating.</summary>
        public const int MaxActivationElements = 1 << 24;

        public static void Validate(ModelManifest m)
        {
            if (!IsIdentifier(m.Name))
            {
                throw new ManifestValidationException($"model name \"{m.Name}\" is not a C# identifier (letters, digits, '_'; not starting with a digit)");
            }
            if (m.SampleRate < 1000 || m.SampleRate > 384000)
            {
                throw new ManifestValidationException($"input sample rate {m.SampleRate} is outside 1000..384000 Hz");
            }
            if (m.InputLength < 1 || m.InputLength > MaxActivationElements)
            {
                throw new ManifestValidationException($"input length {m.InputLength} is outside 1..{MaxActivationElements}");
            }
            if (m.Layers.Count == 0)
            {
                throw new ManifestValidationException("the manifest has no layers");
            }

            int channels = 1, length = m.InputLength;
            bool quantized = false; // whether the activation flowing into the next layer is uint8
            ActivationQuantization? current = null;
            for (int i = 0; i < m.Layers.Count; i++)
            {
                LayerSpec layer = m.Layers[i];
                void Fail(string message) => throw new ManifestValidationException($"layer {i} \"{layer.Name}\" ({layer.Op}): {message}", i);
                void ExpectShape(int c, int l, string what)
                {
                    if (c != channels || l != length)
                    {
                        Fail($"{what} is [{c} x {l}] but the previous layer produces [{channels} x {length}]");
                    }
                }
                void ExpectInputQuantization(ActivationQuantization? q)
                {
                    if (q is null) Fail("an int8 layer needs input quantization parameters");
                    CheckActivation(q!, Fail);
                    if (!q!.Equals(current)) Fail($"input quantization ({q}) differs from the previous layer's output ({current})");
                }

                switch (layer)
                {
                    case QuantizeLayer q:
                        if (m.Precision != ModelPrecision.Int8) Fail("a float32 model has no quantize step");
                        if (quantized) Fail("the input is already quantized");
                        ExpectShape(q.Channels, q.Length, "input");
                        CheckActivation(q.Output, Fail);
                        quantized = true;
                        current = q.Output;
                        break;
                    case DequantizeLayer d:
                        if (!quantized) Fail("the input is not quantized");
                        ExpectShape(d.Channels, d.Length, "input");
                        ExpectInputQuantization(d.Input);
                        quantized = false;
                        current = null;
                        break;
                    case Conv1dLayer c:
                        ExpectShape(c.InChannels, c.InputLength, "input");
                        if (c.KernelSize < 1 || c.Stride < 1 || c.OutChannels < 1) Fail("kernel size, stride and output channels must be positive");
                        if (c.KernelSize > c.InputLength) Fail($"kernel size {c.KernelSize} is longer than the input ({c.InputLength})");
                        int expected = (c.InputLength - c.KernelSize) / c.Stride + 1;
                        if (c.OutputLength != expected) Fail($"output length {c.OutputLength} should be {expected} for input {c.InputLength}, kernel {c.KernelSize}, stride {c.Stride}");
                        CheckWeighted(c, (long)c.OutChannels * c.InChannels * c.KernelSize, quantized, ExpectInputQuantization, Fail);
                        CheckSize((long)c.OutChannels * c.OutputLength, Fail);
                        channels = c.OutChannels;
                        length = c.OutputLength;
                        current = c.Output;
                        break;
                    case LinearLayer l:
                        if ((long)channels * length != l.InFeatures) Fail($"expects {l.InFeatures} input features but the previous layer produces {channels} x {length}");
                        if (l.OutFeatures < 1) Fail("output features must be positive");
                        CheckWeighted(l, (long)l.OutFeatures * l.InFeatures, quantized, ExpectInputQuantization, Fail);
                        channels = l.OutFeatures;
                        length = 1;
                        current = l.Output;
                        break;
                    case MaxPool1dLayer p:
                        ExpectShape(p.Channels, p.InputLength, "input");
                        if (p.KernelSize < 1 || p.Stride < 1) Fail("kernel size and stride must be positive");
                        if (p.KernelSize > p.InputLength) Fail($"kernel size {p.KernelSize} is longer than the input ({p.InputLength})");
                        int pooled = (p.InputLength - p.KernelSize) / p.Stride + 1;
                        if (p.OutputLength != pooled) Fail($"output length {p.OutputLength} should be {pooled}");
                        length = p.OutputLength;
                        break;
                    case GlobalAvgPool1dLayer a:
                        ExpectShape(a.Channels, a.InputLength, "input");
                        if (quantized) ExpectInputQuantization(a.Quantization);
                        else if (a.Quantization is not null) Fail("a float input takes no quantization parameters");
                        length = 1;
                        break;
                    case LogSoftmaxLayer s:
                        if (quantized) Fail("log-softmax needs a dequantized (float) input");
                        if (s.Length != channels * length) Fail($"length {s.Length} does not match the {channels * length} scores before it");
                        if (i != m.Layers.Count - 1) Fail("log-softmax must be the last layer");
                        break;
                    default:
                        Fail("unsupported layer kind");
                        break;
                }
            }
            if (quantized)
            {
                throw new ManifestValidationException("the model ends on quantized values: a dequantize step is missing", m.Layers.Count - 1);
            }
            if (!(m.Layers[m.Layers.Count - 1] is LogSoftmaxLayer))
            {
                throw new ManifestValidationException("the last layer must be logsoftmax", m.Layers.Count - 1);
            }
            int classes = channels * length;
            if (m.Labels.Count != classes)
            {
                throw new ManifestValidationException($"the model has {classes} classes but {m.Labels.Count} labels");
            }
        }

        private static void CheckWeighted(WeightedLayerSpec w, long weightCount, bool quantized,
            Action<ActivationQuantization?> expectInput, Action<string> fail)
        {
            if (w.Bias.Length != w.OutChannels) fail($"bias has {w.Bias.Length} values for {w.OutChannels} output channels");
            CheckFinite(w.Bias, "bias", fail);
            if (!quantized)
            {
                if (w.FloatWeights is null) fail("a float layer needs float32 weights");
                else if (w.FloatWeights.Length != weightCount) fail($"weights hold {w.FloatWeights.Length} values, shape needs {weightCount}");
                else CheckFinite(w.FloatWeights, "weights", fail);
                return;
            }
            if (w.Int8Weights is null || w.WeightQuantization is null) fail("an int8 layer needs int8 weights and their quantization");
            if (w.Int8Weights!.Length != weightCount) fail($"weights hold {w.Int8Weights.Length} values, shape needs {weightCount}");
            expectInput(w.Input);
            if (w.Output is null) fail("an int8 layer needs output quantization parameters");
            CheckActivation(w.Output!, fail);
            WeightQuantization q = w.WeightQuantization!;
            int expectedScales = q.PerChannel ? w.OutChannels : 1;
            if (q.PerChannel && q.Axis != 0) fail($"per-channel weight quantization must be along axis 0 (output channels), found axis {q.Axis}");
            if (q.Scales.Length != expectedScales || q.ZeroPoints.Length != expectedScales)
            {
                fail($"weight quantization has {q.Scales.Length} scales and {q.ZeroPoints.Length} zero points, expected {expectedScales}");
            }
            foreach (double s in q.Scales)
            {
                if (!(s > 0) || double.IsInfinity(s)) fail($"weight scale {s} is not a positive finite number");
            }
            foreach (int z in q.ZeroPoints)
            {
                if (z != 0) fail($"weight zero point {z}: only symmetric int8 weights (zero point 0) are supported, as PyTorch's x86 and qnnpack qconfigs produce");
            }
        }

        /// <summary>No engine can compute with a NaN or infinite weight: one rule for kwsc, the reader and the build.</summary>
        private static void CheckFinite(float[] values, string what, Action<string> fail)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (float.IsNaN(values[i]) || float.IsInfinity(values[i])) fail($"{what} hold a NaN or infinite value (at index {i})");
            }
        }

        private static void CheckActivation(ActivationQuantization q, Action<string> fail)
        {
            if (!(q.Scale > 0) || double.IsInfinity(q.Scale) || q.Scale < 1e-30) fail($"activation scale {q.Scale} is not a positive finite number");
            if (q.ZeroPoint < 0 || q.ZeroPoint > 255) fail($"activation zero point {q.ZeroPoint} is outside the uint8 range 0..255");
        }

        private static void CheckSize(long elements, Action<string> fail)
        {
            if (elements > MaxActivationElements) fail($"output of {elements} values exceeds the limit of {MaxActivationElements}");
        }

        public static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || name.Length > 100 || char.IsDigit(name[0])) return false;
            foreach (char c in name)
            {
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
            }
            return true;
        }
    }
}
