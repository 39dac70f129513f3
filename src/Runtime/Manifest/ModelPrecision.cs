namespace Kws.Runtime.Manifest
{
    /// <summary>The arithmetic a model runs in: float32 throughout, or int8 weights with uint8 activations.</summary>
    public enum ModelPrecision
    {
        Float32,
        Int8,
    }
}
