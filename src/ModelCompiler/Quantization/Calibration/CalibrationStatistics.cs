namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// The result of calibrating a float model: the statistics of every observed tensor, in execution order, and for every
/// weighted layer the mean of its input over the calibration set (what bias correction needs).
/// </summary>
public sealed class CalibrationStatistics(IReadOnlyList<TensorStatistics> tensors, IReadOnlyDictionary<string, LayerInputMean> inputMeans, int clips)
{
    public IReadOnlyList<TensorStatistics> Tensors { get; } = tensors;

    /// <summary>By weighted layer name.</summary>
    public IReadOnlyDictionary<string, LayerInputMean> InputMeans { get; } = inputMeans;

    /// <summary>How many clips were observed.</summary>
    public int Clips { get; } = clips;

    public TensorStatistics this[string name] => Tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"no observed tensor named {name}");
}
