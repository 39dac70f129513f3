using System;
using System.Globalization;
using System.Text;
using Kws.Runtime.Layers;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// The canonical JSON text of a manifest, piece by piece: members in the order they are written, numbers in the
    /// invariant culture with round-trip precision, tensors as little-endian base64. <see cref="ManifestWriter"/> writes
    /// the document with it and each layer type its own members (<see cref="LayerSpec"/>.WriteFields), so the text —
    /// and the content hash computed from it — is the same on every machine.
    /// </summary>
    internal sealed class ManifestJsonWriter
    {
        private readonly StringBuilder _text = new StringBuilder();

        public ManifestJsonWriter Raw(string text)
        {
            _text.Append(text);
            return this;
        }

        /// <summary>, "name": value</summary>
        public void Field(string name, int value) => Raw(", ").Raw(Quote(name)).Raw(": ").Raw(Int(value));

        /// <summary>, "name": true|false</summary>
        public void Field(string name, bool value) => Raw(", ").Raw(Quote(name)).Raw(": ").Raw(value ? "true" : "false");

        /// <summary>, "name": { "scale": s, "zeroPoint": z }</summary>
        public void Quantization(string name, ActivationQuantization q) =>
            Raw(", ").Raw(Quote(name)).Raw(": { \"scale\": ").Raw(Double(q.Scale)).Raw(", \"zeroPoint\": ").Raw(Int(q.ZeroPoint)).Raw(" }");

        /// <summary>The members every Conv1d and Linear layer ends with: relu, quantization, weights, bias.</summary>
        public void Weighted(WeightedLayerSpec layer, int[] shape)
        {
            Field("relu", layer.Relu);
            if (layer.Input is not null) Quantization("input", layer.Input);
            if (layer.Output is not null) Quantization("output", layer.Output);
            Raw(",\n      \"weights\": ");
            if (layer.Int8Weights is not null)
            {
                var bytes = new byte[layer.Int8Weights.Length];
                Buffer.BlockCopy(layer.Int8Weights, 0, bytes, 0, bytes.Length);
                Tensor("int8", shape, Convert.ToBase64String(bytes));
            }
            else
            {
                Tensor("float32", shape, FloatsToBase64(layer.FloatWeights ?? new float[0]));
            }
            if (layer.WeightQuantization is WeightQuantization wq)
            {
                Raw(",\n      \"weightQuantization\": { \"scheme\": ")
                    .Raw(Quote(wq.PerChannel ? "per_channel_affine" : "per_tensor_affine"))
                    .Raw(", \"axis\": ").Raw(Int(wq.Axis)).Raw(", \"scales\": [");
                for (int i = 0; i < wq.Scales.Length; i++) Raw(i == 0 ? "" : ", ").Raw(Double(wq.Scales[i]));
                Raw("], \"zeroPoints\": [");
                for (int i = 0; i < wq.ZeroPoints.Length; i++) Raw(i == 0 ? "" : ", ").Raw(Int(wq.ZeroPoints[i]));
                Raw("] }");
            }
            Raw(",\n      \"bias\": ");
            Tensor("float32", new[] { layer.Bias.Length }, FloatsToBase64(layer.Bias));
        }

        private void Tensor(string dtype, int[] shape, string base64)
        {
            Raw("{ \"dtype\": ").Raw(Quote(dtype)).Raw(", \"shape\": [");
            for (int i = 0; i < shape.Length; i++) Raw(i == 0 ? "" : ", ").Raw(Int(shape[i]));
            Raw("], \"data\": ").Raw(Quote(base64)).Raw(" }");
        }

        public override string ToString() => _text.ToString();

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

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Shortest text that parses back to the same double; JSON has no NaN or infinity.</summary>
        public static string Double(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ManifestException("a quantization scale is not a finite number");
            }
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }

        public static string Quote(string value)
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
    }
}
