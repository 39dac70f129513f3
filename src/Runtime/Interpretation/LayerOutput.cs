namespace Kws.Runtime.Interpretation;

/// <summary>
/// One layer's output from <see cref="InterpretedModel.InferTraced"/>: uint8 codes (quantized layers, comparable with
/// PyTorch's int_repr()) or float values, flattened [channels][length].
/// </summary>
public sealed record LayerOutput(string Name, TensorKind Kind, byte[] Codes, float[] Values);
