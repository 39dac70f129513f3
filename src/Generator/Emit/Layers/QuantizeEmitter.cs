using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// The quantize layer: the interpreter's QuantizeKernel, calling the Runtime's Quantizer rule on whole
    /// vectors (four narrowed together into one store on the 256- and 128-bit paths) and on the leftover values.
    /// Elementwise, so it keeps the input's layout.
    /// </summary>
    internal sealed class QuantizeEmitter : LayerEmitter
    {
        private readonly QuantizeLayer _layer;
        private readonly float _inverse;

        public QuantizeEmitter(QuantizeLayer layer, TensorLayout input) : base(input, input with { IsFloat = false })
        {
            _layer = layer;
            // Quantizer.InverseScale: the float32 reciprocal PyTorch multiplies by (the generated code passes it as a literal).
            _inverse = 1f / (float)layer.Output.Scale;
        }

        public override LayerSpec Layer => _layer;

        public override string Title =>
            $"{_layer.Name}: quantize {Count(Input.Channels * (long)Input.Length)} float values to uint8, {Activation(_layer.Output)}.";

        public override IEnumerable<string> Describe()
        {
            yield return $"q = clamp(round_half_even(x * {Literals.Float(_inverse)}) + {_layer.Output.ZeroPoint}, 0, 255); NaN gives 0 (Quantizer).";
        }

        public override void EmitBody(CodeWriter w, string method)
        {
            int count = Input.Elements;
            string inverse = Literals.Float(_inverse);
            int zeroPoint = _layer.Output.ZeroPoint;
            w.Line("ref float x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref byte y = ref MemoryMarshal.GetReference(output);");
            PathDispatch.Emit(w, SimdPath.FloatPreference, path =>
            {
                int lanes = path.FloatVectorBytes / 4;
                // Four vectors per step on the narrower paths, so their codes narrow together into one store.
                int step = lanes == 0 ? 0 : path.FloatVectorBytes == 64 ? lanes : 4 * lanes;
                int vectorized = step == 0 ? 0 : count / step * step;
                if (vectorized > 0)
                {
                    string v = "Vector" + Literals.Int(path.FloatVectorBytes * 8);
                    w.Open($"for (int i = 0; i < {vectorized}; i += {step})");
                    var codes = new List<string>();
                    for (int k = 0; k < step / lanes; k++)
                    {
                        string at = k == 0 ? "(nuint)i" : $"(nuint)(i + {k * lanes})";
                        codes.Add($"Quantize({v}.LoadUnsafe(ref x, {at}), {inverse}, {zeroPoint})");
                    }
                    w.Line($"ToBytes({string.Join(", ", codes)}).StoreUnsafe(ref y, (nuint)i);");
                    w.Close();
                }
                if (vectorized < count)
                {
                    w.Open($"for (int i = {vectorized}; i < {count}; i++)");
                    w.Line($"Unsafe.Add(ref y, i) = Quantize(Unsafe.Add(ref x, i), {inverse}, {zeroPoint});");
                    w.Close();
                }
            }, path => path.FloatVectorBytes);
        }
    }
}
