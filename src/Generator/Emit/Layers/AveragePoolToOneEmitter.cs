using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;

namespace Kws.Generator.Emit.Layers
{
    /// <summary>
    /// What the emitters of the two average pools to length 1 share: the per-channel sum over a channels-last tensor
    /// in the kernels' order, and on floats the division by the length. On codes each calls its own kernel's rounding
    /// rule (<see cref="EmitCodeAverage"/>).
    /// </summary>
    internal abstract class AveragePoolToOneEmitter : LayerEmitter
    {
        protected AveragePoolToOneEmitter(AveragePoolToOneLayer layer, TensorLayout input) : base(input, input with { Length = 1 }) => Pool = layer;

        protected AveragePoolToOneLayer Pool { get; }

        public override LayerSpec Layer => Pool;

        /// <summary>What the title calls the pool, e.g. "global average pool".</summary>
        protected abstract string Description { get; }

        public override string Title =>
            $"{Pool.Name}: {Description}, [{Pool.Channels} x {Pool.InputLength}] -> [{Pool.Channels} x 1]" +
            (Pool.Quantization is null ? ", float32." : $", {Activation(Pool.Quantization)} kept.");

        public override IEnumerable<string> Describe() => new string[0];

        public override void EmitBody(CodeWriter w, string method)
        {
            string type = Input.ElementType;
            w.Line($"ref {type} x = ref MemoryMarshal.GetReference(input);");
            w.Line($"ref {type} y = ref MemoryMarshal.GetReference(output);");
            w.Open($"for (int c = 0; c < {Input.Channels}; c++)");
            w.Line(Input.IsFloat ? "float sum = 0f;" : "int sum = 0;");
            w.Open($"for (int t = 0; t < {Input.Length}; t++)");
            w.Line($"sum += Unsafe.Add(ref x, t * {Input.Stride} + c);");
            w.Close();
            if (Input.IsFloat)
            {
                w.Line($"Unsafe.Add(ref y, c) = sum / {Input.Length};");
            }
            else
            {
                EmitCodeAverage(w);
            }
            w.Close();
        }

        /// <summary>Writes the statements that turn channel c's int sum of codes into its output code.</summary>
        protected abstract void EmitCodeAverage(CodeWriter w);
    }
}
