using System.Globalization;
using Kws.Compiler.Quantization.Conversion;
using Kws.Compiler.Quantization.Ranges;

namespace Kws.Compiler.Quantization;

/// <summary>The words <c>kwsc quantize</c> takes for methods and schemes, parsed into recipes; a bad word is a <see cref="FormatException"/> listing the choices.</summary>
public static class RecipeText
{
    public const string ActivationChoices = "histogram, minmax, moving-average, percentile[:<p>], mse, entropy";
    public const string SchemeChoices = "per-channel-symmetric, per-tensor-symmetric, per-channel-affine, per-tensor-affine";
    public const string WeightRangeChoices = "minmax, moving-average, histogram, mse";

    /// <summary>"percentile:99.9" → (Percentile, 99.9); "mse" → (Mse, default percentile).</summary>
    public static (ActivationMethod Method, double Percentile) Activation(string text)
    {
        string[] parts = text.Split(':', 2);
        ActivationMethod method = parts[0] switch
        {
            "histogram" => ActivationMethod.Histogram,
            "minmax" => ActivationMethod.MinMax,
            "moving-average" => ActivationMethod.MovingAverage,
            "percentile" => ActivationMethod.Percentile,
            "mse" => ActivationMethod.Mse,
            "entropy" or "kl" => ActivationMethod.Entropy,
            _ => throw new FormatException($"unknown activation method \"{text}\" (choose {ActivationChoices})"),
        };
        if (parts.Length == 1)
        {
            return (method, ActivationRecipe.DefaultPercentile);
        }
        if (method != ActivationMethod.Percentile)
        {
            throw new FormatException($"only percentile takes a value, as in percentile:99.99 (got \"{text}\")");
        }
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double percentile) || !(percentile > 50 && percentile <= 100))
        {
            throw new FormatException($"the clipping percentile must be a number in (50, 100], as in percentile:99.99 (got \"{parts[1]}\")");
        }
        return (method, percentile);
    }

    /// <summary>"per-channel-symmetric" → (true, true).</summary>
    public static (bool PerChannel, bool Symmetric) Scheme(string text) => text switch
    {
        "per-channel-symmetric" => (true, true),
        "per-tensor-symmetric" => (false, true),
        "per-channel-affine" => (true, false),
        "per-tensor-affine" => (false, false),
        _ => throw new FormatException($"unknown weight scheme \"{text}\" (choose {SchemeChoices})"),
    };

    public static WeightRange WeightRangeOf(string text) => text switch
    {
        "minmax" => WeightRange.MinMax,
        "moving-average" => WeightRange.MovingAverage,
        "histogram" => WeightRange.Histogram,
        "mse" => WeightRange.Mse,
        _ => throw new FormatException($"unknown weight range method \"{text}\" (choose {WeightRangeChoices})"),
    };

    /// <summary>"affine" or "symmetric" → symmetric?</summary>
    public static bool Symmetric(string text) => text switch
    {
        "affine" => false,
        "symmetric" => true,
        _ => throw new FormatException($"unknown activation scheme \"{text}\" (choose affine or symmetric)"),
    };
}
