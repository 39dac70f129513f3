namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// The arithmetic a model runs in, as its weighted layers say: float32 throughout, int8 weights with uint8
    /// activations throughout, or a mix (some blocks int8 between quantize and dequantize steps, the rest float32).
    /// </summary>
    public enum ModelPrecision
    {
        /// <summary>Every weighted layer holds float32 weights.</summary>
        Float32,
        /// <summary>Every weighted layer holds int8 weights.</summary>
        Int8,
        /// <summary>Some weighted layers hold int8 weights, others float32.</summary>
        Mixed,
    }
}
