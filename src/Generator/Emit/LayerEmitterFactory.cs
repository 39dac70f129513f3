using Kws.Generator.Emit.Layers;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// The generator's <see cref="ILayerVisitor{TResult}"/>: one emitter per layer type, made in model order so that
    /// each knows the layout of the activation flowing in. A layer type the generator cannot emit is a compile error
    /// here, not a silent fallback. The manifest's engine chooses the int8 constants and the pools' rounding on codes.
    /// </summary>
    internal sealed class LayerEmitterFactory : ILayerVisitor<LayerEmitter>
    {
        private readonly QuantizedEngine _engine;
        private TensorLayout _current;

        public LayerEmitterFactory(int inputLength, QuantizedEngine engine)
        {
            _current = new TensorLayout(true, 1, 1, inputLength);
            _engine = engine;
        }

        /// <summary>The emitter of the next layer, whose input is the previous layer's output.</summary>
        public LayerEmitter Next(LayerSpec layer, TensorSpec input)
        {
            LayerEmitter emitter = layer.Accept(this, input);
            _current = emitter.Output;
            return emitter;
        }

        public LayerEmitter Visit(QuantizeLayer layer, TensorSpec input) => new QuantizeEmitter(layer, _current);

        public LayerEmitter Visit(Conv1dLayer layer, TensorSpec input) => new Conv1dEmitter(layer, _current, _engine);

        public LayerEmitter Visit(MaxPool1dLayer layer, TensorSpec input) => new MaxPool1dEmitter(layer, _current);

        public LayerEmitter Visit(GlobalAvgPool1dLayer layer, TensorSpec input) =>
            OnQnnpackCodes(layer) ? new QnnpackAveragePoolEmitter(layer, _current, "global average pool") : new GlobalAvgPool1dEmitter(layer, _current);

        public LayerEmitter Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input) =>
            OnQnnpackCodes(layer) ? new QnnpackAveragePoolEmitter(layer, _current, "adaptive average pool to length 1") : new AdaptiveAvgPool1dEmitter(layer, _current);

        public LayerEmitter Visit(LinearLayer layer, TensorSpec input) => new LinearEmitter(layer, _current, _engine);

        public LayerEmitter Visit(DequantizeLayer layer, TensorSpec input) => new DequantizeEmitter(layer, _current);

        public LayerEmitter Visit(LogSoftmaxLayer layer, TensorSpec input) => new LogSoftmaxEmitter(layer, _current);

        /// <summary>On qnnpack both average pools round codes by one rule of their own.</summary>
        private bool OnQnnpackCodes(AveragePoolToOneLayer layer) => _engine == QuantizedEngine.Qnnpack && layer.Quantization is not null;
    }
}
