using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>The dequantize layer: the interpreter's DequantizeKernel, x = (float)scale * (q - zp), on the real channels.</summary>
    internal sealed class DequantizeEmitter : LayerEmitter
    {
        private readonly DequantizeLayer _layer;

        public DequantizeEmitter(DequantizeLayer layer, TensorLayout input) : base(input, input with { IsFloat = true }) => _layer = layer;

        public override LayerSpec Layer => _layer;

        public override string Title =>
            $"{_layer.Name}: dequantize [{_layer.Channels} x {_layer.Length}], x = {Literals.Float((float)_layer.Input.Scale)} * (q - {_layer.Input.ZeroPoint}).";

        public override IEnumerable<string> Describe() => new string[0];

        public override void EmitBody(CodeWriter w, string method)
        {
            w.Line("ref byte x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref float y = ref MemoryMarshal.GetReference(output);");
            w.Open($"for (int t = 0; t < {Input.Length}; t++)");
            w.Open($"for (int c = 0; c < {Input.Channels}; c++)");
            w.Line($"int at = t * {Input.Stride} + c;");
            w.Line($"Unsafe.Add(ref y, at) = {Literals.Float((float)_layer.Input.Scale)} * (Unsafe.Add(ref x, at) - {_layer.Input.ZeroPoint});");
            w.Close();
            w.Close();
        }
    }
}
