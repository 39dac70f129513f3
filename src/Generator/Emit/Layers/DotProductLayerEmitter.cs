using System.Collections.Generic;
using Kws.Generator.Emit.Dot;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// What the Conv1d and Linear emitters share: a dot product per output position and channel over a window of the
    /// channels-last input (<see cref="DotShape"/>), written by the int8 or the float32 dot-product code, with output
    /// channels padded to a multiple of 16 so every vector store is whole.
    /// </summary>
    internal abstract class DotProductLayerEmitter : LayerEmitter
    {
        private readonly Int8DotEmitter? _int8;
        private readonly FloatDotEmitter? _float;

        protected DotProductLayerEmitter(WeightedLayerSpec layer, TensorLayout input, DotShape shape, int outputLength)
            : base(input, new TensorLayout(input.IsFloat, layer.OutChannels, DotShape.RoundUp(layer.OutChannels, DotShape.ChannelAlignment), outputLength))
        {
            Weighted = layer;
            if (layer.IsQuantized) _int8 = new Int8DotEmitter(layer, shape);
            else _float = new FloatDotEmitter(layer, shape);
        }

        protected WeightedLayerSpec Weighted { get; }

        public override LayerSpec Layer => Weighted;

        public override IReadOnlyList<DataTable> Tables => _int8?.Tables ?? _float!.Tables;

        public override bool UsesStackAlloc => _int8 is not null;

        public override IEnumerable<string> Describe() => _int8?.Describe(Weighted) ?? _float!.Describe();

        public override string? Note => _int8 is null ? null : _int8.SaturationNote + ".";

        public override void EmitBody(CodeWriter w, string method)
        {
            if (_int8 is not null) _int8.EmitBody(w, method);
            else _float!.EmitBody(w, method);
        }
    }
}
