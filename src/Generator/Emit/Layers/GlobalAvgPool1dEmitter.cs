using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// Global average pooling on a channels-last tensor: the interpreter's GlobalAvgPool1dKernel, summing in the same
    /// order; on codes it calls the kernel's own rounding rule, GlobalAvgPool1dKernel.Average.
    /// </summary>
    internal sealed class GlobalAvgPool1dEmitter : LayerEmitter
    {
        private readonly GlobalAvgPool1dLayer _layer;

        public GlobalAvgPool1dEmitter(GlobalAvgPool1dLayer layer, TensorLayout input) : base(input, input with { Length = 1 }) => _layer = layer;

        public override LayerSpec Layer => _layer;

        public override string Title =>
            $"{_layer.Name}: global average pool, [{_layer.Channels} x {_layer.InputLength}] -> [{_layer.Channels} x 1]" +
            (_layer.Quantization is null ? ", float32." : $", {Activation(_layer.Quantization)} kept.");

        public override IEnumerable<string> Describe() => new string[0];

        public override void EmitBody(CodeWriter w, string method)
        {
            string type = Input.ElementType;
            int length = Input.Length;
            w.Line($"ref {type} x = ref MemoryMarshal.GetReference(input);");
            w.Line($"ref {type} y = ref MemoryMarshal.GetReference(output);");
            w.Open($"for (int c = 0; c < {Input.Channels}; c++)");
            if (Input.IsFloat)
            {
                w.Line("float sum = 0f;");
                w.Open($"for (int t = 0; t < {length}; t++)");
                w.Line($"sum += Unsafe.Add(ref x, t * {Input.Stride} + c);");
                w.Close();
                w.Line($"Unsafe.Add(ref y, c) = sum / {length};");
            }
            else
            {
                int zeroPoint = _layer.Quantization!.ZeroPoint;
                w.Line("int sum = 0;");
                w.Open($"for (int t = 0; t < {length}; t++)");
                w.Line($"sum += Unsafe.Add(ref x, t * {Input.Stride} + c);");
                w.Close();
                w.Line($"// PyTorch's rule: centre on the zero point, multiply by the float32 reciprocal of {length}, add the zero point back, round.");
                w.Line($"Unsafe.Add(ref y, c) = global::Kws.Runtime.Layers.GlobalAvgPool1dKernel.Average(sum - {Literals.Long((long)length * zeroPoint)}, " +
                    $"{Literals.Float((float)(1.0 / length))}, {zeroPoint});");
            }
            w.Close();
        }
    }
}
