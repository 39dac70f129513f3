using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>An activation's shape, [channels][length], as the manifest's layers state it.</summary>
public readonly record struct TensorShape(int Channels, int Length)
{
    public int Elements => Channels * Length;

    /// <summary>The shape <paramref name="layer"/> produces from this one.</summary>
    public TensorShape After(LayerSpec layer) => layer switch
    {
        Conv1dLayer c => new TensorShape(c.OutChannels, c.OutputLength),
        LinearLayer l => new TensorShape(l.OutFeatures, 1),
        MaxPool1dLayer p => new TensorShape(p.Channels, p.OutputLength),
        GlobalAvgPool1dLayer a => new TensorShape(a.Channels, 1),
        _ => this,
    };
}
