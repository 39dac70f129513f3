using Kws.Compiler.Quantization.Conversion;

namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>Where a sweep configuration comes from: PyTorch's default qconfig, the seed's observer grid, or kwsc's methods.</summary>
public enum SweepOrigin
{
    X86Default,
    Seed,
    Kwsc,
}

/// <summary>One configuration of a sweep: a recipe, and the blocks it quantizes (null: all of them).</summary>
public sealed record SweepEntry(QuantizationRecipe Recipe, SweepOrigin Origin, IReadOnlyList<string>? Int8Blocks = null)
{
    /// <summary>The recipe's name, with the int8 blocks of a layer-wise entry.</summary>
    public string Name => Int8Blocks is null ? Recipe.Name : $"{Recipe.Name} [int8: {string.Join(" ", Int8Blocks)}]";

    public string OriginName => Origin switch
    {
        SweepOrigin.X86Default => "x86 default",
        SweepOrigin.Seed => "seed grid",
        _ => "kwsc",
    };
}
