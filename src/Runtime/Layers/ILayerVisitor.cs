namespace Kws.Runtime.Layers
{
    /// <summary>
    /// What an engine does with each layer type: the interpreter builds a step, the generator an emitter. One method
    /// per layer type, so adding a layer type to this interface breaks the build of every engine until it handles it
    /// (CS0535), and a layer type that is not here cannot implement <see cref="LayerSpec.Accept{TResult}"/> (CS1503).
    /// Each method's <c>input</c> is the activation flowing into the layer (float or uint8, and its shape).
    /// </summary>
    public interface ILayerVisitor<TResult>
    {
        /// <summary>Handles a Quantize layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(QuantizeLayer layer, TensorSpec input);

        /// <summary>Handles a Conv1d layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(Conv1dLayer layer, TensorSpec input);

        /// <summary>Handles a MaxPool1d layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(MaxPool1dLayer layer, TensorSpec input);

        /// <summary>Handles a GlobalAvgPool1d layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(GlobalAvgPool1dLayer layer, TensorSpec input);

        /// <summary>Handles a AdaptiveAvgPool1d layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input);

        /// <summary>Handles a Linear layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(LinearLayer layer, TensorSpec input);

        /// <summary>Handles a Dequantize layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(DequantizeLayer layer, TensorSpec input);

        /// <summary>Handles a LogSoftmax layer; <paramref name="input"/> is the activation flowing into it.</summary>
        TResult Visit(LogSoftmaxLayer layer, TensorSpec input);
    }
}
