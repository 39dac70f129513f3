namespace Kws.Runtime.Interpretation;

/// <summary>Which kernels the interpreter runs: the scalar reference definitions, or the vectorized ones (bit-identical for int8).</summary>
public enum KernelSet
{
    /// <summary>The SIMD kernels the interpreter normally runs.</summary>
    Vectorized,
    /// <summary>The scalar definitions the vectorized kernels are tested against.</summary>
    Reference,
}
