using System.Collections.Generic;
using System.Text;
using Kws.Runtime.Layers;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Reads a *.kws.json manifest (docs/manifest.md) into a <see cref="ModelManifest"/>, checking every field, the
    /// format version and the content hash, then the model's consistency (<see cref="ManifestValidator"/>).
    /// Each layer reads its own members (<see cref="LayerCatalog"/>). Every problem is a <see cref="ManifestException"/>
    /// naming the field, its kind and, where it has one, its position.
    /// </summary>
    public static class ManifestReader
    {
        /// <summary>
        /// Manifests longer than this are refused before parsing. The bundled ones are 46 to 144 KB; 16 MB holds about
        /// 3 M float32 or 12 M int8 weights as base64, far more than a keyword-spotting model has.
        /// </summary>
        public const int MaxTextLength = 16 * 1024 * 1024;

        /// <summary>Manifest files larger than this are refused before they are read (kws checks a file's length first).</summary>
        public const long MaxBytes = MaxTextLength;

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>
        /// A manifest file's bytes as text: strict UTF-8 as kwsc writes it (a leading BOM is dropped); other bytes are
        /// refused rather than read with replacement characters, which would change the labels the hash covers.
        /// </summary>
        public static string Decode(byte[] bytes)
        {
            if (bytes.Length > MaxBytes)
            {
                throw new ManifestException($"manifest is larger than {MaxBytes / (1024 * 1024)} MB", problem: ManifestProblem.MalformedJson);
            }
            int bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try
            {
                return StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
            }
            catch (DecoderFallbackException)
            {
                throw new ManifestException("not UTF-8 text, which a manifest must be", problem: ManifestProblem.MalformedJson);
            }
        }

        /// <summary>Parses and validates a manifest and checks its content hash; <see cref="ManifestException"/> with the position on any problem.</summary>
        public static ModelManifest Read(string text) => Read(text, verifyContentHash: true);

        /// <param name="text">the manifest's text</param>
        /// <param name="verifyContentHash">
        /// false only for the fuzzer (tests/Fuzz), so that edited text reaches the layer checks and the validator
        /// behind the hash; every product path verifies it
        /// </param>
        internal static ModelManifest Read(string text, bool verifyContentHash)
        {
            if (text.Length > MaxTextLength)
            {
                throw new ManifestException($"manifest is larger than {MaxTextLength / (1024 * 1024)} MB", problem: ManifestProblem.MalformedJson);
            }
            JsonValue root = JsonParser.Parse(text);
            JsonFields.Expect(root, JsonKind.Object, "the manifest");
            string format = JsonFields.String(root, "format");
            if (format != ModelManifest.FormatName)
            {
                throw JsonFields.At(root.Find("format")!, $"\"format\" is \"{JsonFields.Quote(format)}\", expected \"{ModelManifest.FormatName}\": not a kws manifest");
            }
            int version = JsonFields.Int(root, "formatVersion");
            if (version != ModelManifest.CurrentFormatVersion)
            {
                throw JsonFields.At(root.Find("formatVersion")!, $"unknown manifest formatVersion {version}: this build reads version {ModelManifest.CurrentFormatVersion}; re-export the checkpoint with a matching kwsc",
                    ManifestProblem.UnknownFormatVersion);
            }
            string name = JsonFields.String(root, "name");
            string precision = JsonFields.String(root, "precision");
            QuantizedEngine engine = ReadEngine(root);
            string compiler = JsonFields.String(root, "compiler");
            JsonValue sourceJson = JsonFields.Get(root, "source", JsonKind.Object);
            var source = new SourceCheckpoint(JsonFields.String(sourceJson, "file"), JsonFields.String(sourceJson, "sha256"), JsonFields.String(sourceJson, "kind"));
            JsonValue input = JsonFields.Get(root, "input", JsonKind.Object);
            int sampleRate = JsonFields.Int(input, "sampleRate");
            int length = JsonFields.Int(input, "length");
            var labels = new List<string>();
            foreach (JsonValue label in JsonFields.Get(root, "labels", JsonKind.Array).Items)
            {
                JsonFields.Expect(label, JsonKind.String, "a label");
                labels.Add(label.Text);
            }
            var layers = new List<LayerSpec>();
            var positions = new List<JsonValue>();
            foreach (JsonValue layerJson in JsonFields.Get(root, "layers", JsonKind.Array).Items)
            {
                JsonFields.Expect(layerJson, JsonKind.Object, "a layer");
                layers.Add(LayerCatalog.Read(layerJson));
                positions.Add(layerJson);
            }
            var manifest = new ModelManifest(name, source, compiler, labels, sampleRate, length, layers, engine);
            string derived = ManifestWriter.PrecisionName(manifest.Precision);
            if (precision != derived)
            {
                throw JsonFields.At(root.Find("precision")!, $"\"precision\" is \"{JsonFields.Quote(precision)}\" but the layers' weights make the model {derived}");
            }

            string declaredHash = JsonFields.String(root, "contentHash");
            string actualHash = ManifestWriter.ComputeHash(ManifestWriter.WriteBody(manifest));
            if (verifyContentHash && declaredHash != actualHash)
            {
                throw JsonFields.At(root.Find("contentHash")!, "content hash mismatch: the manifest was edited after kwsc wrote it; re-export it with kwsc export",
                    ManifestProblem.ContentHashMismatch);
            }
            manifest.ContentHash = actualHash;

            try
            {
                ManifestValidator.Validate(manifest);
            }
            catch (ManifestValidationException e)
            {
                JsonValue where = e.LayerIndex >= 0 && e.LayerIndex < positions.Count ? positions[e.LayerIndex] : root;
                throw new ManifestException(e.Message, where.Line, where.Column);
            }
            return manifest;
        }

        /// <summary>The optional "engine": absent means onednn; the writer leaves the default out.</summary>
        private static QuantizedEngine ReadEngine(JsonValue root)
        {
            if (root.Find("engine") is null)
            {
                return QuantizedEngine.Onednn;
            }
            string name = JsonFields.String(root, "engine");
            return QuantizedEngines.FromName(name) ?? throw JsonFields.At(root.Find("engine")!,
                $"unknown engine \"{JsonFields.Quote(name)}\": this build computes \"{QuantizedEngines.OnednnName}\" (the default, written by leaving \"engine\" out) and \"{QuantizedEngines.QnnpackName}\"");
        }
    }
}
