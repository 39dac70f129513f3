using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit
{
    /// <summary>The plain-English header of each generated layer method: what it computes, its shapes and constants.</summary>
    internal static class LayerComments
    {
        public static IEnumerable<string> Describe(LayerPlan plan, string? saturationNote)
        {
            LayerSpec layer = plan.Layer;
            Tensor input = plan.Input, output = plan.Output;
            switch (layer)
            {
                case QuantizeLayer q:
                    yield return $"{layer.Name}: quantize {input.Length} float samples to uint8, {Activation(q.Output)}.";
                    yield return $"q = clamp(round_half_even(x * {Literals.Float(1f / (float)q.Output.Scale)}) + {q.Output.ZeroPoint}, 0, 255); NaN gives 0.";
                    break;
                case Conv1dLayer c:
                    yield return $"{layer.Name}: Conv1d {c.InChannels} -> {c.OutChannels} channels, kernel {c.KernelSize}, stride {c.Stride}, " +
                        $"[{c.InChannels} x {c.InputLength}] -> [{c.OutChannels} x {c.OutputLength}]{(c.Relu ? ", ReLU fused" : "")}; {Count(c.MacCount)} MACs.";
                    foreach (string line in Weighted(c, input)) yield return line;
                    break;
                case LinearLayer l:
                    yield return $"{layer.Name}: Linear {l.InFeatures} -> {l.OutFeatures} features (input [{input.Channels} x {input.Length}] flattened)" +
                        $"{(l.Relu ? ", ReLU fused" : "")}; {Count(l.MacCount)} MACs.";
                    foreach (string line in Weighted(l, input)) yield return line;
                    break;
                case MaxPool1dLayer p:
                    yield return $"{layer.Name}: MaxPool1d kernel {p.KernelSize}, stride {p.Stride}, [{p.Channels} x {p.InputLength}] -> [{p.Channels} x {p.OutputLength}], " +
                        $"on {(input.IsFloat ? "floats" : "uint8 codes (exact)")}.";
                    break;
                case GlobalAvgPool1dLayer a:
                    yield return $"{layer.Name}: global average pool, [{a.Channels} x {a.InputLength}] -> [{a.Channels} x 1]" +
                        (a.Quantization is null ? ", float32." : $", {Activation(a.Quantization)} kept.");
                    break;
                case DequantizeLayer d:
                    yield return $"{layer.Name}: dequantize [{d.Channels} x {d.Length}], x = {Literals.Float((float)d.Input.Scale)} * (q - {d.Input.ZeroPoint}).";
                    break;
                case LogSoftmaxLayer s:
                    yield return $"{layer.Name}: log-softmax over {s.Length} scores, float32: x - max - log(sum(exp(x - max))).";
                    break;
            }
            yield return $"Reads {Layout(input)}; writes {Layout(output)}.";
            if (saturationNote is not null)
            {
                yield return saturationNote + ".";
            }
        }

        private static IEnumerable<string> Weighted(WeightedLayerSpec layer, Tensor input)
        {
            int window = layer is Conv1dLayer c ? c.KernelSize * input.Stride : input.Length * input.Stride;
            if (layer.IsQuantized)
            {
                WeightQuantization wq = layer.WeightQuantization!;
                string weights = wq.PerChannel
                    ? $"per-channel int8 weights, scales {Literals.Double(wq.Scales.Min())}..{Literals.Double(wq.Scales.Max())}"
                    : $"per-tensor int8 weights, scale {Literals.Double(wq.Scales[0])}";
                yield return $"input {Activation(layer.Input!)}; output {Activation(layer.Output!)}; {weights}.";
                yield return $"acc = Correction[o] + sum(w * q) over a {window}-byte window (int32, exact); " +
                    $"q = clamp(round_half_even((float)acc * Multiplier[o] + Offset[o]) + {layer.Output!.ZeroPoint}, {(layer.Relu ? layer.Output!.ZeroPoint : 0)}, 255).";
                yield return "Weights packed [window / 4][output channel][4]: one int32 lane per output channel, four window bytes per step.";
            }
            else
            {
                yield return $"float32 weights packed [input channel][tap][output channel]; sum over a {window}-value window in reference order, bias added last.";
            }
        }

        private static string Activation(ActivationQuantization q) =>
            $"scale {Literals.Double(q.Scale)}, zero point {q.ZeroPoint}";

        private static string Layout(Tensor t) =>
            $"{(t.IsFloat ? "float" : "uint8")} [{t.Length}][{t.Stride}]{(t.Stride != t.Channels ? $" ({t.Channels} real channels)" : "")}";

        private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
