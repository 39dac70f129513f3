namespace Kws.Runtime.Interpretation;

/// <summary>Which kernels the interpreter runs: the scalar reference definitions, or the vectorized ones (bit-identical for int8).</summary>
public enum KernelSet
{
    Vectorized,
    Reference,
}
