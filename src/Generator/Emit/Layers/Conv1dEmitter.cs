using System.Collections.Generic;
using Kws.Generator.Emit.Dot;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// A Conv1d: a dot product per output position and channel over a window of the channels-last input
    /// (<see cref="DotShape"/>), written by the int8 or float32 dot-product emitter. Output channels are padded to a
    /// multiple of 16 so every vector store is whole. When the plan fuses the max-pool that follows
    /// (<see cref="PoolFusion"/>), the method also computes that pool and writes its output.
    /// </summary>
    internal sealed class Conv1dEmitter : LayerEmitter
    {
        private readonly Conv1dLayer _layer;
        private readonly Int8DotEmitter? _int8;
        private readonly FloatDotEmitter? _float;
        private readonly MaxPool1dLayer? _pool;

        public Conv1dEmitter(Conv1dLayer layer, TensorLayout input, MaxPool1dLayer? pool = null)
            : base(input, new TensorLayout(input.IsFloat, layer.OutChannels, DotShape.RoundUp(layer.OutChannels, DotShape.ChannelAlignment), pool?.OutputLength ?? layer.OutputLength))
        {
            _layer = layer;
            _pool = pool;
            var shape = new DotShape(layer.InChannels, input.Stride, layer.KernelSize, layer.Stride, layer.OutputLength, layer.OutChannels,
                pool?.KernelSize ?? 1, pool?.OutputLength ?? -1);
            if (layer.IsQuantized) _int8 = new Int8DotEmitter(layer, shape);
            else _float = new FloatDotEmitter(layer, shape);
        }

        public override LayerSpec Layer => _layer;

        public override LayerSpec? FusedNext => _pool;

        public override IReadOnlyList<DataTable> Tables => _int8?.Tables ?? _float!.Tables;

        public override bool UsesStackAlloc => _int8 is not null;

        public override string Title =>
            $"{_layer.Name}: Conv1d {_layer.InChannels} -> {_layer.OutChannels} channels, kernel {_layer.KernelSize}, stride {_layer.Stride}, " +
            $"[{_layer.InChannels} x {_layer.InputLength}] -> [{_layer.OutChannels} x {_layer.OutputLength}]{(_layer.Relu ? ", ReLU fused" : "")}; {Count(_layer.MacCount)} MACs." +
            (_pool is null ? "" : $"\n{_pool.Name}: MaxPool1d kernel {_pool.KernelSize}, stride {_pool.Stride}, [{_pool.Channels} x {_pool.InputLength}] -> " +
                $"[{_pool.Channels} x {_pool.OutputLength}], fused: computed in this method ({Count((long)_layer.OutChannels * _layer.KernelSize * _layer.InChannels * _pool.OutputLength * _pool.KernelSize)} MACs run).");

        public override IEnumerable<string> Describe() => _int8?.Describe(_layer) ?? _float!.Describe();

        public override string? Note => _int8 is null ? null : _int8.SaturationNote + ".";

        public override void EmitBody(CodeWriter w, string method)
        {
            if (_int8 is not null) _int8.EmitBody(w, method);
            else _float!.EmitBody(w, method);
        }
    }
}
