namespace Kws.Benchmarks.Engines;

/// <summary>The three bundled checkpoints of the same trained M5 network, as manifests under models/.</summary>
public enum BundledModel
{
    /// <summary>Post-training quantized, int8: the product's default model.</summary>
    Ptq,

    /// <summary>Quantization-aware trained, int8.</summary>
    Qat,

    /// <summary>The float model, BatchNorm folded.</summary>
    Fp32,
}
