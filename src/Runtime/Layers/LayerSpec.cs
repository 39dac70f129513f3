using System.Globalization;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// One step of the model, in execution order: the manifest's view of a layer type. Each concrete layer type is the
    /// one home of what is true of it everywhere — its manifest fields (read by a static <c>Read</c> registered in
    /// <see cref="LayerCatalog"/>, written by <see cref="WriteFields"/>), its checks (<see cref="Validate"/>), the
    /// activation it produces (<see cref="OutputFor"/>), its cost and its description — and engines reach it only through
    /// <see cref="Accept{TResult}"/>: a new layer type cannot compile until every engine's
    /// <see cref="ILayerVisitor{TResult}"/> handles it (docs/architecture.md, "Adding a layer type").
    /// Plain C#: the generator (netstandard2.0) compiles these files too.
    /// </summary>
    public abstract class LayerSpec
    {
        /// <summary>A layer named <paramref name="name"/>.</summary>
        protected LayerSpec(string name) => Name = name;

        /// <summary>The name the model gives the layer (conv1, pool1, fc1, quant...): the PyTorch module it came from.</summary>
        public string Name { get; }

        /// <summary>The manifest's "op" string for this kind of layer.</summary>
        public abstract string Op { get; }

        /// <summary>
        /// The activation this layer produces from <paramref name="input"/>, read off the layer's own fields. It does
        /// not check anything (<see cref="Validate"/> does), so it is safe on a manifest that has not been validated.
        /// </summary>
        public abstract TensorSpec OutputFor(TensorSpec input);

        /// <summary>Multiply-accumulates of one inference (0 for layers without weights).</summary>
        public virtual long MacCount => 0;

        /// <summary>True when the layer holds int8 weights (a quantized Conv1d or Linear).</summary>
        public virtual bool HasInt8Weights => false;

        /// <summary>True when the layer holds float32 weights (a float Conv1d or Linear).</summary>
        public virtual bool HasFloatWeights => false;

        /// <summary>The layer's parameters in words, e.g. "kernel 80, stride 16, relu, int8 weights per channel".</summary>
        public abstract string Describe();

        /// <summary>Dispatches to the <paramref name="visitor"/>'s method for this layer type.</summary>
        public abstract TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input);

        /// <summary>
        /// Checks the layer's own fields and that it can take <paramref name="input"/> (the previous layer's output);
        /// throws a <see cref="ManifestValidationException"/> saying what is wrong (the validator adds which layer).
        /// </summary>
        internal abstract void Validate(TensorSpec input);

        /// <summary>Writes the layer's members after "op" and "name", in canonical order (<see cref="ManifestWriter"/>).</summary>
        internal abstract void WriteFields(ManifestJsonWriter json);

        /// <summary>A scale or other parameter as text for <see cref="Describe"/>: six significant digits, invariant culture.</summary>
        protected static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

        /// <summary>A problem with this layer, for <see cref="Validate"/>.</summary>
        protected static ManifestValidationException Problem(string message) => new ManifestValidationException(message);

        /// <summary>Fails unless <paramref name="input"/> has the shape this layer states for its input.</summary>
        protected static void ExpectShape(TensorSpec input, int channels, int length)
        {
            if (input.Channels != channels || input.Length != length)
            {
                throw Problem($"input is [{channels} x {length}] but the previous layer produces [{input.Channels} x {input.Length}]");
            }
        }

        /// <summary>Fails unless the incoming codes carry exactly the quantization this layer states.</summary>
        protected static void ExpectQuantizedInput(TensorSpec input, ActivationQuantization? stated)
        {
            if (!input.IsQuantized)
            {
                throw Problem("an int8 layer needs quantized (uint8) input, but the previous layer produces floats");
            }
            if (stated is null)
            {
                throw Problem("an int8 layer needs input quantization parameters");
            }
            CheckActivation(stated);
            if (!stated.Equals(input.Quantization))
            {
                throw Problem($"input quantization ({stated}) differs from the previous layer's output ({input.Quantization})");
            }
        }

        /// <summary>Fails when <paramref name="input"/> is quantized: a float layer needs float input.</summary>
        protected static void ExpectFloatInput(TensorSpec input, string what)
        {
            if (input.IsQuantized)
            {
                throw Problem($"{what} needs float input, but the previous layer produces uint8 codes (a dequantize step is missing)");
            }
        }

        /// <summary>Fails unless <paramref name="q"/> is a usable uint8 quantization.</summary>
        protected static void CheckActivation(ActivationQuantization q)
        {
            if (!(q.Scale > 0) || double.IsInfinity(q.Scale) || q.Scale < 1e-30)
            {
                throw Problem($"activation scale {q.Scale} is not a positive finite number");
            }
            if (q.ZeroPoint < 0 || q.ZeroPoint > 255)
            {
                throw Problem($"activation zero point {q.ZeroPoint} is outside the uint8 range 0..255");
            }
        }

        /// <summary>The output length of a window of <paramref name="kernel"/> sliding by <paramref name="stride"/>, checked.</summary>
        protected static void CheckWindow(int inputLength, int kernel, int stride, int outputLength)
        {
            if (kernel < 1 || stride < 1)
            {
                throw Problem("kernel size and stride must be positive");
            }
            if (kernel > inputLength)
            {
                throw Problem($"kernel size {kernel} is longer than the input ({inputLength})");
            }
            int expected = (inputLength - kernel) / stride + 1;
            if (outputLength != expected)
            {
                throw Problem($"output length {outputLength} should be {expected} for input {inputLength}, kernel {kernel}, stride {stride}");
            }
        }
    }
}
