using Kws.Compiler.Recognition;

namespace Kws.Compiler.Configuration;

/// <summary>
/// A <c>model_type</c> of the seed repository's configs (the branches of its main.py) and what it says about the
/// checkpoint it wrote: which part is int8, and whether it came from PTQ or QAT (which a state_dict cannot tell).
/// </summary>
public sealed record ModelType(string Name, QuantizationScope Scope, string SourceKind)
{
    public static IReadOnlyList<ModelType> Known { get; } =
    [
        new("cnn_fp32", QuantizationScope.None, "fp32"),
        new("cnn_ptq_static", QuantizationScope.WholeModel, "ptq"),
        new("cnn_qat", QuantizationScope.WholeModel, "qat"),
        new("cnn_ptq_LayerWiseQuant", QuantizationScope.SingleBlock, "ptq"),
        new("cnn_qat_LayerWiseQuant", QuantizationScope.SingleBlock, "qat"),
    ];

    /// <summary>The known model type of that name, or null.</summary>
    public static ModelType? Find(string name) => Known.FirstOrDefault(t => t.Name == name);
}
