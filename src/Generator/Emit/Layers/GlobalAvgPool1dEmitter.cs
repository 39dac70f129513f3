using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>Global average pooling (avg_pool1d over the whole length): the interpreter's GlobalAvgPool1dKernel.</summary>
    internal sealed class GlobalAvgPool1dEmitter : AveragePoolToOneEmitter
    {
        public GlobalAvgPool1dEmitter(GlobalAvgPool1dLayer layer, TensorLayout input) : base(layer, input)
        {
        }

        protected override string Description => "global average pool";

        protected override void EmitCodeAverage(CodeWriter w)
        {
            int length = Input.Length, zeroPoint = Pool.Quantization!.ZeroPoint;
            w.Line($"// PyTorch's rule: centre on the zero point, multiply by the float32 reciprocal of {length}, add the zero point back, round.");
            w.Line($"Unsafe.Add(ref y, c) = global::Kws.Runtime.Layers.GlobalAvgPool1dKernel.Average(sum - {Literals.Long((long)length * zeroPoint)}, " +
                $"{Literals.Float((float)(1.0 / length))}, {zeroPoint});");
        }
    }
}
