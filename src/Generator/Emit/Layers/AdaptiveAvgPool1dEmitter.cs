using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// Adaptive average pooling to length 1 on a channels-last tensor: the interpreter's AdaptiveAvgPool1dKernel, summing
    /// in the same order; on codes it calls the kernel's own rounding rule (Average, or AverageSingleChannel when the
    /// model has one channel there, as PyTorch switches kernels).
    /// </summary>
    internal sealed class AdaptiveAvgPool1dEmitter : LayerEmitter
    {
        private readonly AdaptiveAvgPool1dLayer _layer;

        public AdaptiveAvgPool1dEmitter(AdaptiveAvgPool1dLayer layer, TensorLayout input) : base(input, input with { Length = 1 }) => _layer = layer;

        public override LayerSpec Layer => _layer;

        public override string Title =>
            $"{_layer.Name}: adaptive average pool to length 1, [{_layer.Channels} x {_layer.InputLength}] -> [{_layer.Channels} x 1]" +
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
                w.Line("int sum = 0;");
                w.Open($"for (int t = 0; t < {length}; t++)");
                w.Line($"sum += Unsafe.Add(ref x, t * {Input.Stride} + c);");
                w.Close();
                if (Input.Channels == 1)
                {
                    w.Line("// One channel: PyTorch runs its channels-last kernel, which centres on the zero point.");
                    w.Line($"Unsafe.Add(ref y, c) = global::Kws.Runtime.Layers.AdaptiveAvgPool1dKernel.AverageSingleChannel(sum, {length}, {_layer.Quantization!.ZeroPoint});");
                }
                else
                {
                    w.Line($"// PyTorch's rule: the mean of the codes themselves, (float)sum * (1f / {length}), rounded half to even.");
                    w.Line($"Unsafe.Add(ref y, c) = global::Kws.Runtime.Layers.AdaptiveAvgPool1dKernel.Average(sum, {Literals.Float(1f / length)});");
                }
            }
            w.Close();
        }
    }
}
