using System.Collections.Generic;
using Kws.Runtime.Layers;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// A whole model as kwsc exports it (docs/manifest.md): identity, labels, input format and layers in order.
    /// The single description that both engines, the interpreter and the generated code, are built from.
    /// </summary>
    public sealed class ModelManifest
    {
        /// <summary>The manifest's "format" value.</summary>
        public const string FormatName = "kws-manifest";

        /// <summary>The format version this code reads and writes.</summary>
        public const int CurrentFormatVersion = 1;

        /// <summary>A model from its parts; the activations between layers and the precision are derived from the layers.</summary>
        public ModelManifest(
            string name, SourceCheckpoint source, string compiler,
            IReadOnlyList<string> labels, int sampleRate, int inputLength, IReadOnlyList<LayerSpec> layers,
            QuantizedEngine engine = QuantizedEngine.Onednn)
        {
            Name = name;
            Source = source;
            Compiler = compiler;
            Labels = labels;
            SampleRate = sampleRate;
            InputLength = inputLength;
            Layers = layers;
            Engine = engine;
            var tensors = new List<TensorSpec>(layers.Count + 1) { TensorSpec.FloatInput(inputLength) };
            bool anyInt8 = false, anyFloat = false;
            foreach (LayerSpec layer in layers)
            {
                tensors.Add(layer.OutputFor(tensors[tensors.Count - 1]));
                anyInt8 |= layer.HasInt8Weights;
                anyFloat |= layer.HasFloatWeights;
            }
            Tensors = tensors;
            Precision = anyInt8 && anyFloat ? ModelPrecision.Mixed : anyInt8 ? ModelPrecision.Int8 : ModelPrecision.Float32;
        }

        /// <summary>A C# identifier; the generated class is named after it.</summary>
        public string Name { get; }

        /// <summary>What the weighted layers hold: all float32, all int8, or both.</summary>
        public ModelPrecision Precision { get; }

        /// <summary>The PyTorch engine whose int8 arithmetic the int8 layers reproduce (onednn unless stated).</summary>
        public QuantizedEngine Engine { get; }

        /// <summary>The checkpoint the model was exported from.</summary>
        public SourceCheckpoint Source { get; }

        /// <summary>The tool and version that wrote the manifest, e.g. "kwsc 0.1.0".</summary>
        public string Compiler { get; }

        /// <summary>Class labels in model output order.</summary>
        public IReadOnlyList<string> Labels { get; }

        /// <summary>The sample rate the model expects; the front end resamples to it.</summary>
        public int SampleRate { get; }

        /// <summary>Samples per inference (mono); shorter input is zero-padded, longer is cut.</summary>
        public int InputLength { get; }

        /// <summary>The layers in execution order.</summary>
        public IReadOnlyList<LayerSpec> Layers { get; }

        /// <summary>
        /// The activations between the layers, as the layers state them: <c>Tensors[i]</c> flows into <c>Layers[i]</c>
        /// and <c>Tensors[i + 1]</c> out of it (so there is one more tensor than layers; the first is the float input).
        /// Only a validated manifest (<see cref="ManifestValidator"/>) is guaranteed to chain consistently.
        /// </summary>
        public IReadOnlyList<TensorSpec> Tensors { get; }

        /// <summary>"sha256:" + hex of the canonical manifest content (see <see cref="ManifestWriter"/>); set on read and write.</summary>
        public string ContentHash { get; internal set; } = "";
    }
}
