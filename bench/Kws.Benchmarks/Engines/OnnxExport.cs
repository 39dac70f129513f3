namespace Kws.Benchmarks.Engines;

/// <summary>The ONNX exports of the bundled trained model that the recipe writes under models/.</summary>
public enum OnnxExport
{
    /// <summary>models/cnn_fp32.onnx: the float model, BatchNorm folded.</summary>
    Fp32,

    /// <summary>models/cnn_int8_qdq.onnx: the same model quantized to int8 as QuantizeLinear/DequantizeLinear pairs.</summary>
    Int8Qdq,
}

public static class OnnxExports
{
    public static string PathOf(OnnxExport export) => RepositoryPaths.Model(export switch
    {
        OnnxExport.Fp32 => "cnn_fp32.onnx",
        OnnxExport.Int8Qdq => "cnn_int8_qdq.onnx",
        _ => throw new ArgumentOutOfRangeException(nameof(export), export, null),
    });
}
