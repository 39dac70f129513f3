using Kws.Runtime.Manifest;

namespace Kws.Compiler.Recognition;

/// <summary>Which part of an M5 checkpoint is int8: the three kinds of checkpoint the seed's code writes.</summary>
public enum QuantizationScope
{
    /// <summary>Nothing: an FP32 checkpoint (M5, M5Modular).</summary>
    None,

    /// <summary>Every block and fc1, after one quant stub (PTQ/QAT: PTQM5, QATM5, PTQM5Modular, QATM5Modular).</summary>
    WholeModel,

    /// <summary>
    /// One block between the quant stub and a dequant stub, everything else float (PTQM5_LayerWiseQuant,
    /// QATM5_LayerWiseQuant).
    /// </summary>
    SingleBlock,
}

public static class QuantizationScopes
{
    public static ModelPrecision Precision(this QuantizationScope scope) => scope switch
    {
        QuantizationScope.None => ModelPrecision.Float32,
        QuantizationScope.WholeModel => ModelPrecision.Int8,
        _ => ModelPrecision.Mixed,
    };

    /// <summary>"FP32", "fully quantized (PTQ/QAT)", "layer-wise quantized".</summary>
    public static string Describe(this QuantizationScope scope) => scope switch
    {
        QuantizationScope.None => "FP32",
        QuantizationScope.WholeModel => "fully quantized (PTQ/QAT)",
        _ => "layer-wise quantized",
    };
}
