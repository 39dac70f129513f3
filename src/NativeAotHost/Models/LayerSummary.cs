using Kws.Runtime.Manifest;
using static System.FormattableString;

namespace Kws.Host.Models;

/// <summary>One manifest layer as <c>kws info</c> lists it: name, op, input and output shape, and its parameters in words.</summary>
internal sealed record LayerSummary(string Name, string Op, string Input, string Output, string Detail)
{
    public static LayerSummary Of(LayerSpec layer) => layer switch
    {
        QuantizeLayer q => new(q.Name, q.Op, Shape(q.Channels, q.Length), Shape(q.Channels, q.Length), Quantization("out", q.Output)),
        Conv1dLayer c => new(c.Name, c.Op, Shape(c.InChannels, c.InputLength), Shape(c.OutChannels, c.OutputLength),
            Invariant($"kernel {c.KernelSize}, stride {c.Stride}{Relu(c.Relu)}{Weights(c)}")),
        MaxPool1dLayer p => new(p.Name, p.Op, Shape(p.Channels, p.InputLength), Shape(p.Channels, p.OutputLength),
            Invariant($"kernel {p.KernelSize}, stride {p.Stride}")),
        GlobalAvgPool1dLayer g => new(g.Name, g.Op, Shape(g.Channels, g.InputLength), Shape(g.Channels, 1),
            g.Quantization is null ? "" : Quantization("in = out", g.Quantization)),
        LinearLayer l => new(l.Name, l.Op, Shape(l.InFeatures, 1), Shape(l.OutFeatures, 1), Invariant($"{Relu(l.Relu).TrimStart(',', ' ')}{Weights(l)}").TrimStart(',', ' ')),
        DequantizeLayer d => new(d.Name, d.Op, Shape(d.Channels, d.Length), Shape(d.Channels, d.Length), Quantization("in", d.Input)),
        LogSoftmaxLayer s => new(s.Name, s.Op, Shape(s.Length, 1), Shape(s.Length, 1), ""),
        _ => new(layer.Name, layer.Op, "", "", ""),
    };

    private static string Shape(int channels, int length) => Invariant($"{channels}x{length}");

    private static string Relu(bool relu) => relu ? ", relu" : "";

    private static string Weights(WeightedLayerSpec layer) => layer.WeightQuantization switch
    {
        null => ", float32 weights",
        { PerChannel: true } => ", int8 weights per channel",
        _ => ", int8 weights per tensor",
    };

    private static string Quantization(string side, ActivationQuantization q) =>
        Invariant($"{side}: scale {q.Scale:G6}, zero point {q.ZeroPoint}");
}
