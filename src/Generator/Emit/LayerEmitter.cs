using System.Collections.Generic;
using System.Globalization;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// What the generator knows of one layer, computed when the emitter is made (planning: the layouts it reads and
    /// writes, its constant tables), and how to write its method. One subclass per layer type, made by
    /// <see cref="LayerEmitterFactory"/>; each mirrors the interpreter's kernel of the same layer, with every shape and
    /// constant a literal.
    /// </summary>
    internal abstract class LayerEmitter
    {
        protected LayerEmitter(TensorLayout input, TensorLayout output)
        {
            Input = input;
            Output = output;
        }

        public abstract LayerSpec Layer { get; }

        public TensorLayout Input { get; }

        public TensorLayout Output { get; }

        /// <summary>The layer's constant tables (named method + suffix), computed once; empty for most layers.</summary>
        public virtual IReadOnlyList<DataTable> Tables => new DataTable[0];

        /// <summary>True when the method allocates on the stack (it then skips zeroing where the project allows).</summary>
        public virtual bool UsesStackAlloc => false;

        /// <summary>The lines of the method's header comment after the first (what it computes, its constants).</summary>
        public abstract IEnumerable<string> Describe();

        /// <summary>A last line for the header comment, after the layouts it reads and writes (or null).</summary>
        public virtual string? Note => null;

        /// <summary>The first line of the header comment: the layer's name, what it is, and its shapes.</summary>
        public abstract string Title { get; }

        /// <summary>Writes the method's body; <paramref name="method"/> names its tables.</summary>
        public abstract void EmitBody(CodeWriter w, string method);

        protected static string Activation(ActivationQuantization q) =>
            $"scale {Literals.Double(q.Scale)}, zero point {Literals.Int(q.ZeroPoint)}";

        protected static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
