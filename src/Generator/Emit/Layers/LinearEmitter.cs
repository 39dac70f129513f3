using Kws.Generator.Emit.Dot;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// A Linear layer, seen as a Conv1d whose kernel spans the whole input: feature c * length + t of the flattened
    /// [channels][length] input is tap t of channel c (<see cref="DotShape"/>).
    /// </summary>
    internal sealed class LinearEmitter : DotProductLayerEmitter
    {
        private readonly LinearLayer _layer;

        public LinearEmitter(LinearLayer layer, TensorLayout input, QuantizedEngine engine)
            : base(layer, input, new DotShape(input.Channels, input.Stride, input.Length, 0, 1, layer.OutChannels), 1, engine)
        {
            _layer = layer;
        }

        public override string Title =>
            $"{_layer.Name}: Linear {_layer.InFeatures} -> {_layer.OutFeatures} features (input [{Input.Channels} x {Input.Length}] flattened)" +
            $"{(_layer.Relu ? ", ReLU fused" : "")}; {Count(_layer.MacCount)} MACs.";
    }
}
