using Kws.Generator.Emit.Dot;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>A Conv1d: the window of each output position is kernel x input channels, contiguous channels-last.</summary>
    internal sealed class Conv1dEmitter : DotProductLayerEmitter
    {
        private readonly Conv1dLayer _layer;

        public Conv1dEmitter(Conv1dLayer layer, TensorLayout input, QuantizedEngine engine)
            : base(layer, input, new DotShape(layer.InChannels, input.Stride, layer.KernelSize, layer.Stride, layer.OutputLength, layer.OutChannels), layer.OutputLength, engine)
        {
            _layer = layer;
        }

        public override string Title =>
            $"{_layer.Name}: Conv1d {_layer.InChannels} -> {_layer.OutChannels} channels, kernel {_layer.KernelSize}, stride {_layer.Stride}, " +
            $"[{_layer.InChannels} x {_layer.InputLength}] -> [{_layer.OutChannels} x {_layer.OutputLength}]{(_layer.Relu ? ", ReLU fused" : "")}; {Count(_layer.MacCount)} MACs.";
    }
}
