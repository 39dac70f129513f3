using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// MaxPool1d on a channels-last tensor: the interpreter's MaxPool1dKernel with the same comparisons, sixteen codes or
    /// four floats per vector where the row is a whole number of vectors.
    /// </summary>
    internal sealed class MaxPool1dEmitter : LayerEmitter
    {
        private readonly MaxPool1dLayer _layer;

        public MaxPool1dEmitter(MaxPool1dLayer layer, TensorLayout input) : base(input, input with { Length = layer.OutputLength }) => _layer = layer;

        public override LayerSpec Layer => _layer;

        public override string Title =>
            $"{_layer.Name}: MaxPool1d kernel {_layer.KernelSize}, stride {_layer.Stride}, [{_layer.Channels} x {_layer.InputLength}] -> " +
            $"[{_layer.Channels} x {_layer.OutputLength}], on {(Input.IsFloat ? "floats" : "uint8 codes (exact)")}.";

        public override IEnumerable<string> Describe() => new string[0];

        public override void EmitBody(CodeWriter w, string method)
        {
            MaxPool1dLayer pool = _layer;
            string type = Input.ElementType;
            int stride = Input.Stride;
            int lanes = Input.IsFloat ? 4 : 16;
            w.Line($"ref {type} x = ref MemoryMarshal.GetReference(input);");
            w.Line($"ref {type} y = ref MemoryMarshal.GetReference(output);");
            if (stride % lanes == 0)
            {
                w.Open("if (Vector128.IsHardwareAccelerated)");
                w.Open($"for (int t = 0; t < {pool.OutputLength}; t++)");
                w.Open($"for (int c = 0; c < {stride}; c += {lanes})");
                w.Line($"Vector128<{type}> m = Vector128.LoadUnsafe(ref x, (nuint)(t * {pool.Stride * stride} + c));");
                w.Open($"for (int k = 1; k < {pool.KernelSize}; k++)");
                w.Line($"Vector128<{type}> v = Vector128.LoadUnsafe(ref x, (nuint)(t * {pool.Stride * stride} + k * {stride} + c));");
                w.Line(Input.IsFloat
                    ? "m = Vector128.ConditionalSelect(Vector128.GreaterThan(v, m), v, m);"
                    : "m = Vector128.Max(m, v);");
                w.Close();
                w.Line($"m.StoreUnsafe(ref y, (nuint)(t * {stride} + c));");
                w.Close();
                w.Close();
                w.Close();
                w.Open("else");
            }
            w.Open($"for (int t = 0; t < {pool.OutputLength}; t++)");
            w.Open($"for (int c = 0; c < {Input.Channels}; c++)");
            w.Line($"{type} m = Unsafe.Add(ref x, t * {pool.Stride * stride} + c);");
            w.Open($"for (int k = 1; k < {pool.KernelSize}; k++)");
            w.Line($"{type} v = Unsafe.Add(ref x, t * {pool.Stride * stride} + k * {stride} + c);");
            w.Line("m = v > m ? v : m;");
            w.Close();
            w.Line($"Unsafe.Add(ref y, t * {stride} + c) = m;");
            w.Close();
            w.Close();
            if (stride % lanes == 0)
            {
                w.Close();
            }
        }
    }
}
