namespace Kws.Runtime.Interpretation;

/// <summary>The element type of an activation between two steps: float32 values or uint8 quantized codes.</summary>
public enum TensorKind
{
    /// <summary>float32 values.</summary>
    Float,
    /// <summary>uint8 quantized codes.</summary>
    Byte,
}
