namespace Kws.Runtime.Layers
{
    /// <summary>
    /// What an engine does with each layer type: the interpreter builds a step, the generator an emitter. One method
    /// per layer type, so adding a layer type to this interface breaks the build of every engine until it handles it
    /// (CS0535), and a layer type that is not here cannot implement <see cref="LayerSpec.Accept{TResult}"/> (CS1503).
    /// <paramref name="input"/> is the activation flowing into the layer (float or uint8, and its shape).
    /// </summary>
    public interface ILayerVisitor<TResult>
    {
        TResult Visit(QuantizeLayer layer, TensorSpec input);

        TResult Visit(Conv1dLayer layer, TensorSpec input);

        TResult Visit(MaxPool1dLayer layer, TensorSpec input);

        TResult Visit(GlobalAvgPool1dLayer layer, TensorSpec input);

        TResult Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input);

        TResult Visit(LinearLayer layer, TensorSpec input);

        TResult Visit(DequantizeLayer layer, TensorSpec input);

        TResult Visit(LogSoftmaxLayer layer, TensorSpec input);
    }
}
