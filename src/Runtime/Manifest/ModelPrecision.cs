namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// The arithmetic a model runs in, as its weighted layers say: float32 throughout, int8 weights with uint8
    /// activations throughout, or a mix (some blocks int8 between quantize and dequantize steps, the rest float32).
    /// </summary>
    public enum ModelPrecision
    {
        Float32,
        Int8,
        Mixed,
    }
}
