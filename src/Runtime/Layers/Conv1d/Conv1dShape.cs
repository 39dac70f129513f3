namespace Kws.Runtime.Layers;

/// <summary>
/// The geometry of a Conv1d without padding or dilation: input [InChannels][InputLength], weights
/// [OutChannels][InChannels][KernelSize] (PyTorch order), output [OutChannels][OutputLength].
/// </summary>
public readonly record struct Conv1dShape(int InChannels, int OutChannels, int KernelSize, int Stride, int InputLength, int OutputLength)
{
    /// <summary>The geometry of <paramref name="layer"/>.</summary>
    public static Conv1dShape Of(Conv1dLayer layer) =>
        new(layer.InChannels, layer.OutChannels, layer.KernelSize, layer.Stride, layer.InputLength, layer.OutputLength);

    /// <summary>Weights per output channel.</summary>
    public int WeightsPerChannel => InChannels * KernelSize;

    /// <summary>Values of the input activation.</summary>
    public int InputElements => InChannels * InputLength;

    /// <summary>Values of the output activation.</summary>
    public int OutputElements => OutChannels * OutputLength;
}
