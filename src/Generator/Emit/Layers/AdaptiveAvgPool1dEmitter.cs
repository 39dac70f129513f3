using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// Adaptive average pooling to length 1: the interpreter's AdaptiveAvgPool1dKernel, with its rounding rule for one
    /// channel or for several (PyTorch switches kernels).
    /// </summary>
    internal sealed class AdaptiveAvgPool1dEmitter : AveragePoolToOneEmitter
    {
        public AdaptiveAvgPool1dEmitter(AdaptiveAvgPool1dLayer layer, TensorLayout input) : base(layer, input)
        {
        }

        protected override string Description => "adaptive average pool to length 1";

        protected override void EmitCodeAverage(CodeWriter w)
        {
            int length = Input.Length;
            if (Input.Channels == 1)
            {
                w.Line("// One channel: PyTorch runs its channels-last kernel, which centres on the zero point.");
                w.Line($"Unsafe.Add(ref y, c) = global::Kws.Runtime.Layers.AdaptiveAvgPool1dKernel.AverageSingleChannel(sum, {length}, {Pool.Quantization!.ZeroPoint});");
            }
            else
            {
                w.Line($"// PyTorch's rule: the mean of the codes themselves, (float)sum * (1f / {length}), rounded half to even.");
                w.Line($"Unsafe.Add(ref y, c) = global::Kws.Runtime.Layers.AdaptiveAvgPool1dKernel.Average(sum, {Literals.Float(1f / length)});");
            }
        }
    }
}
