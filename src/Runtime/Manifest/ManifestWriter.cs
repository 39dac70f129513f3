using System.Text;
using Kws.Runtime.Layers;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Writes a <see cref="ModelManifest"/> as canonical JSON (<see cref="ManifestJsonWriter"/>): fixed member order,
    /// two-space indentation, one layer per line group. The content hash is the SHA-256 of that text without the
    /// contentHash member, so the reader can recompute it from what it parsed.
    /// </summary>
    public static class ManifestWriter
    {
        /// <summary>The canonical manifest text of <paramref name="manifest"/>, with its content hash (docs/manifest.md).</summary>
        public static string Write(ModelManifest manifest)
        {
            string body = WriteBody(manifest);
            string hash = ComputeHash(body);
            manifest.ContentHash = hash;
            // The body ends with "\n}\n": splice the hash in as the last member.
            return body.Substring(0, body.Length - 3) + ",\n  \"contentHash\": \"" + hash + "\"\n}\n";
        }

        /// <summary>The canonical text of everything except the content hash.</summary>
        public static string WriteBody(ModelManifest manifest)
        {
            var w = new ManifestJsonWriter();
            w.Raw("{\n");
            w.Raw("  \"format\": ").Raw(ManifestJsonWriter.Quote(ModelManifest.FormatName)).Raw(",\n");
            w.Raw("  \"formatVersion\": ").Raw(ManifestJsonWriter.Int(ModelManifest.CurrentFormatVersion)).Raw(",\n");
            w.Raw("  \"name\": ").Raw(ManifestJsonWriter.Quote(manifest.Name)).Raw(",\n");
            w.Raw("  \"precision\": ").Raw(ManifestJsonWriter.Quote(PrecisionName(manifest.Precision))).Raw(",\n");
            // Written only when it is not the default, so manifests from before engines existed keep their text and hash.
            if (manifest.Engine != QuantizedEngine.Onednn)
            {
                w.Raw("  \"engine\": ").Raw(ManifestJsonWriter.Quote(manifest.Engine.Name())).Raw(",\n");
            }
            w.Raw("  \"compiler\": ").Raw(ManifestJsonWriter.Quote(manifest.Compiler)).Raw(",\n");
            w.Raw("  \"source\": { \"file\": ").Raw(ManifestJsonWriter.Quote(manifest.Source.File))
                .Raw(", \"sha256\": ").Raw(ManifestJsonWriter.Quote(manifest.Source.Sha256))
                .Raw(", \"kind\": ").Raw(ManifestJsonWriter.Quote(manifest.Source.Kind)).Raw(" },\n");
            w.Raw("  \"input\": { \"sampleRate\": ").Raw(ManifestJsonWriter.Int(manifest.SampleRate))
                .Raw(", \"length\": ").Raw(ManifestJsonWriter.Int(manifest.InputLength)).Raw(" },\n");
            w.Raw("  \"labels\": [");
            for (int i = 0; i < manifest.Labels.Count; i++)
            {
                w.Raw(i == 0 ? "" : ", ").Raw(ManifestJsonWriter.Quote(manifest.Labels[i]));
            }
            w.Raw("],\n");
            w.Raw("  \"layers\": [\n");
            for (int i = 0; i < manifest.Layers.Count; i++)
            {
                LayerSpec layer = manifest.Layers[i];
                w.Raw("    { \"op\": ").Raw(ManifestJsonWriter.Quote(layer.Op)).Raw(", \"name\": ").Raw(ManifestJsonWriter.Quote(layer.Name));
                layer.WriteFields(w);
                w.Raw(" }").Raw(i + 1 < manifest.Layers.Count ? ",\n" : "\n");
            }
            w.Raw("  ]\n}\n");
            return w.ToString();
        }

        /// <summary>"sha256:" and the hex SHA-256 of the canonical text without the contentHash member.</summary>
        public static string ComputeHash(string body)
        {
            byte[] hash = Sha256.Hash(Encoding.UTF8.GetBytes(body));
            var hex = new StringBuilder("sha256:", 7 + hash.Length * 2);
            foreach (byte b in hash) hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        /// <summary>The manifest's "precision" string: "float32", "int8" or "mixed".</summary>
        public static string PrecisionName(ModelPrecision precision) => precision switch
        {
            ModelPrecision.Int8 => "int8",
            ModelPrecision.Mixed => "mixed",
            _ => "float32",
        };
    }
}
