using Kws.Generator.Emit.Dot;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// A Conv1d: the window of each output position is kernel x input channels, contiguous channels-last. When the plan
    /// fuses the max-pool that follows (<see cref="PoolFusion"/>), the method also computes that pool and writes its
    /// output.
    /// </summary>
    internal sealed class Conv1dEmitter : DotProductLayerEmitter
    {
        private readonly Conv1dLayer _layer;
        private readonly MaxPool1dLayer? _pool;

        public Conv1dEmitter(Conv1dLayer layer, TensorLayout input, QuantizedEngine engine, MaxPool1dLayer? pool = null)
            : base(layer, input, new DotShape(layer.InChannels, input.Stride, layer.KernelSize, layer.Stride, layer.OutputLength, layer.OutChannels,
                pool?.KernelSize ?? 1, pool?.OutputLength ?? -1), pool?.OutputLength ?? layer.OutputLength, engine)
        {
            _layer = layer;
            _pool = pool;
        }

        public override LayerSpec? FusedNext => _pool;

        public override string Title =>
            $"{_layer.Name}: Conv1d {_layer.InChannels} -> {_layer.OutChannels} channels, kernel {_layer.KernelSize}, stride {_layer.Stride}, " +
            $"[{_layer.InChannels} x {_layer.InputLength}] -> [{_layer.OutChannels} x {_layer.OutputLength}]{(_layer.Relu ? ", ReLU fused" : "")}; {Count(_layer.MacCount)} MACs." +
            (_pool is null ? "" : $"\n{_pool.Name}: MaxPool1d kernel {_pool.KernelSize}, stride {_pool.Stride}, [{_pool.Channels} x {_pool.InputLength}] -> " +
                $"[{_pool.Channels} x {_pool.OutputLength}], fused: computed in this method ({Count((long)_layer.OutChannels * _layer.KernelSize * _layer.InChannels * _pool.OutputLength * _pool.KernelSize)} MACs run).");
    }
}
