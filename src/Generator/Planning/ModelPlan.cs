using System;
using System.Collections.Generic;
using System.Linq;
using Kws.Generator.Emit;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Planning
{
    /// <summary>
    /// Everything the generator decides about a model before writing a line: each layer's emitter (with its constant
    /// tables), method name and buffers, the scratch buffer sizes, the weight bytes, and which methods skip zeroing
    /// their stack. <see cref="ModelEmitter"/> only writes what the plan says.
    /// </summary>
    internal sealed class ModelPlan
    {
        /// <summary>Extra bytes after every uint8 buffer: the int8 kernels read windows in whole groups of four.</summary>
        private const int BytePadding = 64;

        /// <summary>Names the model class declares or imports (IKeywordModel members, the Runtime helpers it calls).</summary>
        private static readonly HashSet<string> ReservedNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Name", "Labels", "SampleRate", "InputLength", "WeightBytes", "ScratchBytes", "SimdPath", "Infer", "ScratchSize",
            "Requantize", "ClampToByte", "Quantize", "InverseScale", "ToBytes",
        };

        /// <summary>Layer-method suffixes of the constant tables, which must not make two names meet.</summary>
        private static readonly string[] DataSuffixes = { "", "Weights", "Correction", "CorrectionSigned", "Multiplier", "Offset", "Bias" };

        private ModelPlan(ModelManifest manifest, IReadOnlyList<LayerPlan> layers, int bytesLength, int floatsLength, bool skipLocalsInit)
        {
            Manifest = manifest;
            Layers = layers;
            BytesLength = bytesLength;
            FloatsLength = floatsLength;
            ScratchBytes = 2 * bytesLength + 2 * 4 * floatsLength;
            WeightBytes = layers.Sum(l => l.Emitter.Tables.Sum(t => t.Bytes));
            SkipLocalsInit = skipLocalsInit;
        }

        public ModelManifest Manifest { get; }
        public IReadOnlyList<LayerPlan> Layers { get; }

        /// <summary>Length of each of the two uint8 scratch buffers (0 when the model has no int8 layer).</summary>
        public int BytesLength { get; }

        /// <summary>Length of each of the two float scratch buffers.</summary>
        public int FloatsLength { get; }

        public int ScratchBytes { get; }

        /// <summary>Bytes of every constant table in the image: the model's WeightBytes.</summary>
        public long WeightBytes { get; }

        /// <summary>
        /// Whether methods that allocate on the stack get [SkipLocalsInit]: only where the project allows unsafe code,
        /// which the attribute requires.
        /// </summary>
        public bool SkipLocalsInit { get; }

        /// <summary>Plans a validated manifest (<see cref="ManifestReader"/> validates what it reads).</summary>
        public static ModelPlan For(ModelManifest manifest, bool allowsUnsafe)
        {
            var factory = new LayerEmitterFactory(manifest.InputLength, manifest.Engine);
            var methods = new HashSet<string>(StringComparer.Ordinal) { manifest.Name };
            var layers = new List<LayerPlan>();
            string input = "samples";
            int bytesSize = 0, floatsSize = 0;
            for (int index = 0; index < manifest.Layers.Count; index++)
            {
                LayerEmitter emitter = factory.Next(manifest.Layers[index], manifest.Tensors[index]);
                bool last = index == manifest.Layers.Count - 1;
                string output = last ? "logProbs" : NextBuffer(input, emitter.Output.IsFloat);
                if (!emitter.Output.IsFloat) bytesSize = Math.Max(bytesSize, emitter.Output.Elements);
                else if (!last) floatsSize = Math.Max(floatsSize, emitter.Output.Elements);
                layers.Add(new LayerPlan(index, MethodName(manifest.Layers[index].Name, index, methods), emitter, input, output));
                input = output;
            }
            int bytesLength = bytesSize == 0 ? 0 : bytesSize + BytePadding;
            return new ModelPlan(manifest, layers, bytesLength, floatsSize, allowsUnsafe);
        }

        /// <summary>Activations ping-pong between two buffers of each kind.</summary>
        private static string NextBuffer(string input, bool isFloat) => isFloat
            ? (input == "_values0" ? "_values1" : "_values0")
            : (input == "_codes0" ? "_codes1" : "_codes0");

        private static bool Collides(string a, string b) =>
            DataSuffixes.Any(x => DataSuffixes.Any(y => a + x == b + y));

        /// <summary>The layer's name in PascalCase ("conv1" -> "Conv1", "log_softmax" -> "LogSoftmax"), made unique.</summary>
        private static string MethodName(string layerName, int index, HashSet<string> taken)
        {
            var b = new System.Text.StringBuilder();
            bool upper = true;
            foreach (char c in layerName)
            {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                {
                    b.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }
            string name = b.Length == 0 || char.IsDigit(b[0]) ? "Layer" + b : b.ToString();
            if (ReservedNames.Contains(name) || taken.Any(t => Collides(t, name)))
            {
                name = "Layer" + Literals.Int(index) + name;
            }
            taken.Add(name);
            return name;
        }
    }
}
