using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// The final log-softmax: gathers the channels-last scores into the model's [channels][length] order, then the
    /// interpreter's LogSoftmaxKernel step for step.
    /// </summary>
    internal sealed class LogSoftmaxEmitter : LayerEmitter
    {
        private readonly LogSoftmaxLayer _layer;

        public LogSoftmaxEmitter(LogSoftmaxLayer layer, TensorLayout input)
            : base(input, new TensorLayout(true, layer.Length, layer.Length, 1)) => _layer = layer;

        public override LayerSpec Layer => _layer;

        public override string Title =>
            $"{_layer.Name}: log-softmax over {_layer.Length} scores, float32: x - max - log(sum(exp(x - max))).";

        public override IEnumerable<string> Describe() => new string[0];

        public override void EmitBody(CodeWriter w, string method)
        {
            int n = _layer.Length;
            w.Line("ref float x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref float y = ref MemoryMarshal.GetReference(output);");
            w.Line("// Gather the channels-last scores into the model's [channels][length] order, then the reference log-softmax.");
            w.Open($"for (int t = 0; t < {Input.Length}; t++)");
            w.Open($"for (int c = 0; c < {Input.Channels}; c++)");
            w.Line($"Unsafe.Add(ref y, c * {Input.Length} + t) = Unsafe.Add(ref x, t * {Input.Stride} + c);");
            w.Close();
            w.Close();
            w.Line("float max = y;");
            w.Open($"for (int i = 1; i < {n}; i++)");
            w.Line("float v = Unsafe.Add(ref y, i);");
            w.Line("max = v > max ? v : max;");
            w.Close();
            w.Line("float sum = 0f;");
            w.Open($"for (int i = 0; i < {n}; i++)");
            w.Line("sum += MathF.Exp(Unsafe.Add(ref y, i) - max);");
            w.Close();
            w.Line("float logSum = MathF.Log(sum);");
            w.Open($"for (int i = 0; i < {n}; i++)");
            w.Line("Unsafe.Add(ref y, i) = Unsafe.Add(ref y, i) - max - logSum;");
            w.Close();
        }
    }
}
