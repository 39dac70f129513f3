using System.Collections.Generic;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// A whole model as kwsc exports it (docs/manifest.md): identity, labels, input format and layers in order.
    /// The single description that both engines, the interpreter and the generated code, are built from.
    /// </summary>
    public sealed class ModelManifest
    {
        public const string FormatName = "kws-manifest";
        public const int CurrentFormatVersion = 1;

        public ModelManifest(
            string name, ModelPrecision precision, SourceCheckpoint source, string compiler,
            IReadOnlyList<string> labels, int sampleRate, int inputLength, IReadOnlyList<LayerSpec> layers)
        {
            Name = name;
            Precision = precision;
            Source = source;
            Compiler = compiler;
            Labels = labels;
            SampleRate = sampleRate;
            InputLength = inputLength;
            Layers = layers;
        }

        /// <summary>A C# identifier; the generated class is named after it.</summary>
        public string Name { get; }
        public ModelPrecision Precision { get; }
        public SourceCheckpoint Source { get; }

        /// <summary>The tool and version that wrote the manifest, e.g. "kwsc 0.1.0".</summary>
        public string Compiler { get; }
        public IReadOnlyList<string> Labels { get; }

        /// <summary>The sample rate the model expects; the front end resamples to it.</summary>
        public int SampleRate { get; }

        /// <summary>Samples per inference (mono); shorter input is zero-padded, longer is cut.</summary>
        public int InputLength { get; }
        public IReadOnlyList<LayerSpec> Layers { get; }

        /// <summary>"sha256:" + hex of the canonical manifest content (see <see cref="ManifestWriter"/>); set on read and write.</summary>
        public string ContentHash { get; internal set; } = "";
    }
}
