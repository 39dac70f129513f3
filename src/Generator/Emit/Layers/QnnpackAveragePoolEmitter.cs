using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// Either average pool to length 1 on codes when the manifest's engine is qnnpack: the interpreter's
    /// QnnpackAveragePoolKernel, one rule for both pools (PyTorch's qnnpack runs QNNPACK's average pooling for each).
    /// </summary>
    internal sealed class QnnpackAveragePoolEmitter : AveragePoolToOneEmitter
    {
        private readonly string _description;

        public QnnpackAveragePoolEmitter(AveragePoolToOneLayer layer, TensorLayout input, string description) : base(layer, input) =>
            _description = description;

        protected override string Description => _description + " (qnnpack)";

        protected override void EmitCodeAverage(CodeWriter w)
        {
            int length = Input.Length, zeroPoint = Pool.Quantization!.ZeroPoint;
            w.Line($"// qnnpack's rule: centre on the zero point, multiply by s / (s * {length}) in float32, round, add the zero point.");
            w.Line($"Unsafe.Add(ref y, c) = global::Kws.Runtime.Layers.QnnpackAveragePoolKernel.Average(sum - {Literals.Long((long)length * zeroPoint)}, " +
                $"global::Kws.Runtime.Layers.QnnpackAveragePoolKernel.Factor({Literals.Double(Pool.Quantization.Scale)}, {length}), {zeroPoint});");
        }
    }
}
