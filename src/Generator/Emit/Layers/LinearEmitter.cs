using System.Collections.Generic;
using Kws.Generator.Emit.Dot;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// A Linear layer, seen as a Conv1d whose kernel spans the whole input: feature c * length + t of the flattened
    /// [channels][length] input is tap t of channel c (<see cref="DotShape"/>). Written by the int8 or float32
    /// dot-product emitter, output features padded like a convolution's channels.
    /// </summary>
    internal sealed class LinearEmitter : LayerEmitter
    {
        private readonly LinearLayer _layer;
        private readonly Int8DotEmitter? _int8;
        private readonly FloatDotEmitter? _float;

        public LinearEmitter(LinearLayer layer, TensorLayout input)
            : base(input, new TensorLayout(input.IsFloat, layer.OutFeatures, DotShape.RoundUp(layer.OutFeatures, DotShape.ChannelAlignment), 1))
        {
            _layer = layer;
            var shape = new DotShape(input.Channels, input.Stride, input.Length, 0, 1, layer.OutChannels);
            if (layer.IsQuantized) _int8 = new Int8DotEmitter(layer, shape);
            else _float = new FloatDotEmitter(layer, shape);
        }

        public override LayerSpec Layer => _layer;

        public override IReadOnlyList<DataTable> Tables => _int8?.Tables ?? _float!.Tables;

        public override bool UsesStackAlloc => _int8 is not null;

        public override string Title =>
            $"{_layer.Name}: Linear {_layer.InFeatures} -> {_layer.OutFeatures} features (input [{Input.Channels} x {Input.Length}] flattened)" +
            $"{(_layer.Relu ? ", ReLU fused" : "")}; {Count(_layer.MacCount)} MACs.";

        public override IEnumerable<string> Describe() => _int8?.Describe(_layer) ?? _float!.Describe();

        public override string? Note => _int8 is null ? null : _int8.SaturationNote + ".";

        public override void EmitBody(CodeWriter w, string method)
        {
            if (_int8 is not null) _int8.EmitBody(w, method);
            else _float!.EmitBody(w, method);
        }
    }
}
