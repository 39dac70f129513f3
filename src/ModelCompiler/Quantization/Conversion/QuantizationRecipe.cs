using Kws.Compiler.Quantization.Ranges;

namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// Everything that decides an int8 model besides the calibration data: how activations and weights get their
/// quantizers, per-tensor exceptions to the activation method, and whether the bias absorbs the weight rounding error.
/// </summary>
public sealed record QuantizationRecipe(ActivationRecipe Activations, WeightRecipe Weights, bool BiasCorrection = false)
{
    /// <summary>PyTorch's eager PTQ with <c>get_default_qconfig('x86')</c>.</summary>
    public static QuantizationRecipe X86Default { get; } = new(ActivationRecipe.X86Default, WeightRecipe.X86Default);

    /// <summary>Activation recipes for particular tensors (by observed tensor name), overriding <see cref="Activations"/>.</summary>
    public IReadOnlyDictionary<string, ActivationRecipe> PerTensor { get; init; } = new Dictionary<string, ActivationRecipe>();

    public ActivationRecipe For(string tensor) => PerTensor.GetValueOrDefault(tensor) ?? Activations;

    /// <summary>Why this recipe cannot make a model the engines run, or null.</summary>
    public string? Problem =>
        Weights.Problem is string weights ? $"weights {Weights.Name}: {weights}"
        : new[] { Activations }.Concat(PerTensor.Values).FirstOrDefault(a => a.Problem is not null) is ActivationRecipe bad
            ? $"activations {bad.Name}: {bad.Problem}"
            : null;

    /// <summary>"histogram affine reduce_range / per_channel_symmetric", with per-tensor exceptions and "+ bias correction".</summary>
    public string Name
    {
        get
        {
            string activations = Activations.Name + string.Concat(PerTensor.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Where(p => p.Value != Activations).Select(p => $", {p.Key}: {p.Value.Name}"));
            return $"{activations} / {Weights.Name}{(BiasCorrection ? " + bias correction" : "")}";
        }
    }

    public override string ToString() => Name;
}
