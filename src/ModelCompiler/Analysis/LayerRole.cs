using Kws.Runtime.Layers;

namespace Kws.Compiler.Analysis;

/// <summary>What a layer is to the sensitivity analysis' blocks (<see cref="ModelBlock"/>).</summary>
public enum LayerRole
{
    /// <summary>A weighted layer: it starts a block and names it.</summary>
    StartsBlock,

    /// <summary>A layer that computes on its input's codes without requantizing (pooling): it joins the block before it.</summary>
    JoinsBlock,

    /// <summary>A precision boundary or the final step: it belongs to no block.</summary>
    OutsideBlocks,
}

/// <summary>
/// The analysis' view of each layer type: an <see cref="ILayerVisitor{TResult}"/>, so a new layer type does not compile
/// until someone decides where it stands in a block.
/// </summary>
public sealed class LayerRoles : ILayerVisitor<LayerRole>
{
    public static readonly LayerRoles Instance = new();

    public LayerRole Visit(QuantizeLayer layer, TensorSpec input) => LayerRole.OutsideBlocks;

    public LayerRole Visit(Conv1dLayer layer, TensorSpec input) => LayerRole.StartsBlock;

    public LayerRole Visit(MaxPool1dLayer layer, TensorSpec input) => LayerRole.JoinsBlock;

    public LayerRole Visit(GlobalAvgPool1dLayer layer, TensorSpec input) => LayerRole.JoinsBlock;

    public LayerRole Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input) => LayerRole.JoinsBlock;

    public LayerRole Visit(LinearLayer layer, TensorSpec input) => LayerRole.StartsBlock;

    public LayerRole Visit(DequantizeLayer layer, TensorSpec input) => LayerRole.OutsideBlocks;

    public LayerRole Visit(LogSoftmaxLayer layer, TensorSpec input) => LayerRole.OutsideBlocks;
}
