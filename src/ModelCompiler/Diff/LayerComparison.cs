using System.Globalization;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Recognition;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Diff;

/// <summary>
/// Compares two checkpoints of the M5 layer by layer, as kwsc recognises them (<see cref="M5Recognizer"/>): for each
/// stage, fc1 and the quant stub, what each file holds (float32 with BatchNorm, fused float32, int8; which module) and
/// what happened: kept, BatchNorm folded, quantized to int8, renamed, retrained. This is what tells an FP32 checkpoint
/// from its layer-wise or fully quantized descendants.
/// </summary>
public static class LayerComparison
{
    /// <summary>The layers of both, or the reason one of them is not a recognisable M5.</summary>
    public static IReadOnlyList<LayerDifference> Compare(Checkpoint a, Checkpoint b, out string? problem)
    {
        M5Model first, second;
        try
        {
            first = M5Recognizer.Recognize(a);
            second = M5Recognizer.Recognize(b);
        }
        catch (CheckpointException e)
        {
            problem = e.Message;
            return [];
        }
        problem = null;
        var layers = new List<LayerDifference> { Stub(first, second) };
        for (int i = 0; i < Math.Min(first.Convolutions.Count, second.Convolutions.Count); i++)
        {
            ConvStage x = first.Convolutions[i], y = second.Convolutions[i];
            layers.Add(new LayerDifference(x.Name, Describe(x), Describe(y), Change(x.Form, y.Form, x.Weights, y.Weights, x.Module, y.Module)));
        }
        LinearStage p = first.Classifier, q = second.Classifier;
        layers.Add(new LayerDifference(p.Name, Describe(p), Describe(q), Change(Form(p), Form(q), p.Weights, q.Weights, "fc1", "fc1")));
        return layers.Where(l => l.First != "-" || l.Second != "-").ToList();
    }

    private static LayerDifference Stub(M5Model first, M5Model second)
    {
        static string Of(M5Model m) => m.InputQuantization is ActivationQuantization q
            ? $"`quant`, before {m.Convolutions.First(c => c.Form.IsInt8()).Name}: {Activation(q)}" : "-";
        string a = Of(first), b = Of(second);
        string change = (first.InputQuantization, second.InputQuantization) switch
        {
            (null, null) => "",
            (null, _) => "added: the input quantization of the int8 part",
            (_, null) => "removed",
            var (x, y) => x.Equals(y) && a == b ? "kept (same values)" : "different scale, zero point or position",
        };
        return new LayerDifference("quant", a, b, change);
    }

    /// <summary>fc1 has no BatchNorm: a float fc1 compares like a fused float stage (nothing left to fold).</summary>
    private static BlockForm Form(LinearStage fc) => fc.Weights.IsInt8 ? BlockForm.Int8 : BlockForm.FloatFused;

    /// <summary>What happened to one layer, from its forms and weights in the two files.</summary>
    private static string Change(BlockForm a, BlockForm b, StageWeights x, StageWeights y, string moduleA, string moduleB)
    {
        var changes = new List<string>();
        if (a == BlockForm.FloatWithBatchNorm && b != BlockForm.FloatWithBatchNorm)
        {
            changes.Add(b == BlockForm.FloatFused && x.FloatWeights is { } folded && y.FloatWeights is { } fused && folded.Length == fused.Length
                ? $"BatchNorm folded (the float32 weights within {MaxDifference(folded, fused).ToString("G2", CultureInfo.InvariantCulture)} of kwsc's own folding)"
                : "BatchNorm folded");
        }
        if (b == BlockForm.FloatWithBatchNorm && a != BlockForm.FloatWithBatchNorm) changes.Add("BatchNorm unfolded in the second");
        if (!a.IsInt8() && b.IsInt8()) changes.Add("quantized to int8");
        if (a.IsInt8() && !b.IsInt8()) changes.Add("float32 in the second");
        if (changes.Count == 0) changes.Add(SameWeights(x, y) ? "kept (same values)" : "same form, different values");
        if (moduleA != moduleB) changes.Add($"`{moduleA}` -> `{moduleB}`");
        return string.Join(", ", changes);
    }

    private static string Describe(ConvStage conv) => conv.Form switch
    {
        BlockForm.FloatWithBatchNorm => $"float32 conv + BatchNorm (`{conv.Module}`, `{conv.BatchNormModule}`)",
        BlockForm.FloatFused => $"float32 ConvReLU1d, BatchNorm folded (`{conv.Module}`)",
        _ => $"int8 QuantizedConvReLU1d (`{conv.Module}`)",
    };

    private static string Describe(LinearStage fc) => fc.Weights.IsInt8 ? "int8 quantized Linear (`fc1`, packed)" : "float32 Linear (`fc1`)";

    private static bool SameWeights(StageWeights x, StageWeights y) =>
        Same(x.FloatWeights, y.FloatWeights) && Same(x.Int8Weights, y.Int8Weights) && x.Bias.AsSpan().SequenceEqual(y.Bias)
        && Equals(x.Output, y.Output) && Same(x.WeightQuantization?.Scales, y.WeightQuantization?.Scales);

    private static bool Same<T>(T[]? x, T[]? y) where T : IEquatable<T> =>
        x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    private static double MaxDifference(float[] x, float[] y) => x.Zip(y, (p, q) => Math.Abs((double)p - q)).Max();

    private static string Activation(ActivationQuantization q) =>
        string.Create(CultureInfo.InvariantCulture, $"scale {q.Scale:G6}, zero point {q.ZeroPoint}");
}
