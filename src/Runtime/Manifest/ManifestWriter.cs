using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Writes a <see cref="ModelManifest"/> as canonical JSON: fixed member order, two-space indentation, numbers in the
    /// invariant culture with round-trip precision, tensors as little-endian base64. The content hash is the SHA-256 of
    /// that text without the contentHash member, so the reader can recompute it from what it parsed.
    /// </summary>
    public static class ManifestWriter
    {
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
            var w = new StringBuilder();
            w.Append("{\n");
            w.Append("  \"format\": ").Append(Quote(ModelManifest.FormatName)).Append(",\n");
            w.Append("  \"formatVersion\": ").Append(Int(ModelManifest.CurrentFormatVersion)).Append(",\n");
            w.Append("  \"name\": ").Append(Quote(manifest.Name)).Append(",\n");
            w.Append("  \"precision\": ").Append(Quote(PrecisionName(manifest.Precision))).Append(",\n");
            w.Append("  \"compiler\": ").Append(Quote(manifest.Compiler)).Append(",\n");
            w.Append("  \"source\": { \"file\": ").Append(Quote(manifest.Source.File))
                .Append(", \"sha256\": ").Append(Quote(manifest.Source.Sha256))
                .Append(", \"kind\": ").Append(Quote(manifest.Source.Kind)).Append(" },\n");
            w.Append("  \"input\": { \"sampleRate\": ").Append(Int(manifest.SampleRate))
                .Append(", \"length\": ").Append(Int(manifest.InputLength)).Append(" },\n");
            w.Append("  \"labels\": [");
            for (int i = 0; i < manifest.Labels.Count; i++)
            {
                w.Append(i == 0 ? "" : ", ").Append(Quote(manifest.Labels[i]));
            }
            w.Append("],\n");
            w.Append("  \"layers\": [\n");
            for (int i = 0; i < manifest.Layers.Count; i++)
            {
                w.Append("    ");
                WriteLayer(w, manifest.Layers[i]);
                w.Append(i + 1 < manifest.Layers.Count ? ",\n" : "\n");
            }
            w.Append("  ]\n}\n");
            return w.ToString();
        }

        public static string ComputeHash(string body)
        {
            return "sha256:" + Hex(Sha256.Hash(Encoding.UTF8.GetBytes(body)));
        }

        public static string PrecisionName(ModelPrecision precision) =>
            precision == ModelPrecision.Int8 ? "int8" : "float32";

        private static void WriteLayer(StringBuilder w, LayerSpec layer)
        {
            w.Append("{ \"op\": ").Append(Quote(layer.Op)).Append(", \"name\": ").Append(Quote(layer.Name));
            switch (layer)
            {
                case QuantizeLayer q:
                    Field(w, "channels", q.Channels);
                    Field(w, "length", q.Length);
                    Quantization(w, "output", q.Output);
                    break;
                case Conv1dLayer c:
                    Field(w, "inChannels", c.InChannels);
                    Field(w, "outChannels", c.OutChannels);
                    Field(w, "kernelSize", c.KernelSize);
                    Field(w, "stride", c.Stride);
                    Field(w, "inputLength", c.InputLength);
                    Field(w, "outputLength", c.OutputLength);
                    WeightedFields(w, c, new[] { c.OutChannels, c.InChannels, c.KernelSize });
                    break;
                case LinearLayer l:
                    Field(w, "inFeatures", l.InFeatures);
                    Field(w, "outFeatures", l.OutFeatures);
                    WeightedFields(w, l, new[] { l.OutFeatures, l.InFeatures });
                    break;
                case MaxPool1dLayer p:
                    Field(w, "channels", p.Channels);
                    Field(w, "kernelSize", p.KernelSize);
                    Field(w, "stride", p.Stride);
                    Field(w, "inputLength", p.InputLength);
                    Field(w, "outputLength", p.OutputLength);
                    break;
                case GlobalAvgPool1dLayer a:
                    Field(w, "channels", a.Channels);
                    Field(w, "inputLength", a.InputLength);
                    if (a.Quantization is not null) Quantization(w, "quantization", a.Quantization);
                    break;
                case DequantizeLayer d:
                    Field(w, "channels", d.Channels);
                    Field(w, "length", d.Length);
                    Quantization(w, "input", d.Input);
                    break;
                case LogSoftmaxLayer s:
                    Field(w, "length", s.Length);
                    break;
                default:
                    throw new ManifestException($"cannot write layer kind {layer.GetType().Name}");
            }
            w.Append(" }");
        }

        private static void WeightedFields(StringBuilder w, WeightedLayerSpec layer, int[] shape)
        {
            w.Append(", \"relu\": ").Append(layer.Relu ? "true" : "false");
            if (layer.Input is not null) Quantization(w, "input", layer.Input);
            if (layer.Output is not null) Quantization(w, "output", layer.Output);
            w.Append(",\n      \"weights\": ");
            if (layer.Int8Weights is not null)
            {
                var bytes = new byte[layer.Int8Weights.Length];
                Buffer.BlockCopy(layer.Int8Weights, 0, bytes, 0, bytes.Length);
                Tensor(w, "int8", shape, Convert.ToBase64String(bytes));
            }
            else
            {
                Tensor(w, "float32", shape, FloatsToBase64(layer.FloatWeights ?? new float[0]));
            }
            if (layer.WeightQuantization is WeightQuantization wq)
            {
                w.Append(",\n      \"weightQuantization\": { \"scheme\": ")
                    .Append(Quote(wq.PerChannel ? "per_channel_affine" : "per_tensor_affine"))
                    .Append(", \"axis\": ").Append(Int(wq.Axis)).Append(", \"scales\": [");
                for (int i = 0; i < wq.Scales.Length; i++) w.Append(i == 0 ? "" : ", ").Append(Double(wq.Scales[i]));
                w.Append("], \"zeroPoints\": [");
                for (int i = 0; i < wq.ZeroPoints.Length; i++) w.Append(i == 0 ? "" : ", ").Append(Int(wq.ZeroPoints[i]));
                w.Append("] }");
            }
            w.Append(",\n      \"bias\": ");
            Tensor(w, "float32", new[] { layer.Bias.Length }, FloatsToBase64(layer.Bias));
        }

        private static void Tensor(StringBuilder w, string dtype, int[] shape, string base64)
        {
            w.Append("{ \"dtype\": ").Append(Quote(dtype)).Append(", \"shape\": [");
            for (int i = 0; i < shape.Length; i++) w.Append(i == 0 ? "" : ", ").Append(Int(shape[i]));
            w.Append("], \"data\": ").Append(Quote(base64)).Append(" }");
        }

        private static void Quantization(StringBuilder w, string name, ActivationQuantization q) =>
            w.Append(", \"").Append(name).Append("\": { \"scale\": ").Append(Double(q.Scale))
                .Append(", \"zeroPoint\": ").Append(Int(q.ZeroPoint)).Append(" }");

        private static void Field(StringBuilder w, string name, int value) =>
            w.Append(", \"").Append(name).Append("\": ").Append(Int(value));

        public static string FloatsToBase64(float[] values)
        {
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++)
            {
                byte[] b = BitConverter.GetBytes(values[i]);
                if (!BitConverter.IsLittleEndian) Array.Reverse(b);
                Buffer.BlockCopy(b, 0, bytes, i * 4, 4);
            }
            return Convert.ToBase64String(bytes);
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Shortest text that parses back to the same double; JSON has no NaN or infinity.</summary>
        private static string Double(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ManifestException("a quantization scale is not a finite number");
            }
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }

        private static string Quote(string value)
        {
            var b = new StringBuilder(value.Length + 2);
            b.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': b.Append("\\\""); break;
                    case '\\': b.Append("\\\\"); break;
                    case '\n': b.Append("\\n"); break;
                    case '\r': b.Append("\\r"); break;
                    case '\t': b.Append("\\t"); break;
                    default:
                        if (c < ' ') b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else b.Append(c);
                        break;
                }
            }
            return b.Append('"').ToString();
        }

        private static string Hex(byte[] bytes)
        {
            var b = new StringBuilder(bytes.Length * 2);
            foreach (byte x in bytes) b.Append(x.ToString("x2", CultureInfo.InvariantCulture));
            return b.ToString();
        }
    }
}
