using System.Collections.Generic;
using System.Linq;
using Kws.Generator.Emit.Dot;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// What the Conv1d and Linear emitters share: a dot product per output position and channel over a window of the
    /// channels-last input (<see cref="DotShape"/>), written by the int8 or the float32 dot-product code, with output
    /// channels padded to a multiple of 16 so every vector store is whole. The manifest's engine chooses the int8
    /// requantization constants (<see cref="RequantizationPlan"/>); the code is the same for every engine.
    /// </summary>
    internal abstract class DotProductLayerEmitter : LayerEmitter
    {
        private readonly Int8DotEmitter? _int8;
        private readonly FloatDotEmitter? _float;
        private readonly QuantizedEngine _engine;

        protected DotProductLayerEmitter(WeightedLayerSpec layer, TensorLayout input, DotShape shape, int outputLength, QuantizedEngine engine)
            : base(input, new TensorLayout(input.IsFloat, layer.OutChannels, DotShape.RoundUp(layer.OutChannels, DotShape.ChannelAlignment), outputLength))
        {
            Weighted = layer;
            _engine = engine;
            if (layer.IsQuantized) _int8 = new Int8DotEmitter(layer, shape, RequantizationPlan.For(layer, engine));
            else _float = new FloatDotEmitter(layer, shape);
        }

        protected WeightedLayerSpec Weighted { get; }

        public override LayerSpec Layer => Weighted;

        public override IReadOnlyList<DataTable> Tables => _int8?.Tables ?? _float!.Tables;

        public override bool UsesStackAlloc => _int8 is not null;

        public override IEnumerable<string> Describe()
        {
            if (_int8 is null) return _float!.Describe();
            if (_engine != QuantizedEngine.Qnnpack) return _int8.Describe(Weighted);
            return _int8.Describe(Weighted).Concat(new[]
            {
                "qnnpack's constants: the bias quantized to int32 in Correction (Offset 0), " +
                "Multiplier = ((float)s_w * (float)s_in) * (1f / (float)s_out).",
            });
        }

        public override string? Note => _int8 is null ? null : _int8.SaturationNote + ".";

        public override void EmitBody(CodeWriter w, string method)
        {
            if (_int8 is not null) _int8.EmitBody(w, method);
            else _float!.EmitBody(w, method);
        }
    }
}
