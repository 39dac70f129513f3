namespace Kws.Runtime.Layers;

/// <summary>
/// The geometry of a Conv1d without padding or dilation: input [InChannels][InputLength], weights
/// [OutChannels][InChannels][KernelSize] (PyTorch order), output [OutChannels][OutputLength].
/// </summary>
public readonly record struct Conv1dShape(int InChannels, int OutChannels, int KernelSize, int Stride, int InputLength, int OutputLength)
{
    public static Conv1dShape Of(Conv1dLayer layer) =>
        new(layer.InChannels, layer.OutChannels, layer.KernelSize, layer.Stride, layer.InputLength, layer.OutputLength);

    /// <summary>Weights per output channel.</summary>
    public int WeightsPerChannel => InChannels * KernelSize;

    public int InputElements => InChannels * InputLength;

    public int OutputElements => OutChannels * OutputLength;
}
