using System;
using System.Collections.Generic;
using System.Globalization;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Reads a *.kws.json manifest (docs/manifest.md) into a <see cref="ModelManifest"/>, checking every field, the
    /// format version and the content hash, then the model's consistency (<see cref="ManifestValidator"/>).
    /// Every problem is a <see cref="ManifestException"/> naming the field and, where it has one, its position.
    /// </summary>
    public static class ManifestReader
    {
        /// <summary>Manifests larger than this are refused before parsing (the bundled ones are about 0.2 MB).</summary>
        public const int MaxTextLength = 64 * 1024 * 1024;

        public static ModelManifest Read(string text)
        {
            if (text.Length > MaxTextLength)
            {
                throw new ManifestException($"manifest is larger than {MaxTextLength / (1024 * 1024)} MB");
            }
            JsonValue root = JsonParser.Parse(text);
            Expect(root, JsonKind.Object, "the manifest");
            string format = GetString(root, "format");
            if (format != ModelManifest.FormatName)
            {
                throw At(root.Find("format")!, $"\"format\" is \"{format}\", expected \"{ModelManifest.FormatName}\": not a kws manifest");
            }
            int version = GetInt(root, "formatVersion");
            if (version != ModelManifest.CurrentFormatVersion)
            {
                throw At(root.Find("formatVersion")!, $"unknown manifest formatVersion {version}: this build reads version {ModelManifest.CurrentFormatVersion}; re-export the checkpoint with a matching kwsc");
            }
            string name = GetString(root, "name");
            string precisionText = GetString(root, "precision");
            ModelPrecision precision = precisionText switch
            {
                "int8" => ModelPrecision.Int8,
                "float32" => ModelPrecision.Float32,
                _ => throw At(root.Find("precision")!, $"unknown precision \"{precisionText}\" (int8 or float32)"),
            };
            string compiler = GetString(root, "compiler");
            JsonValue sourceJson = Get(root, "source", JsonKind.Object);
            var source = new SourceCheckpoint(GetString(sourceJson, "file"), GetString(sourceJson, "sha256"), GetString(sourceJson, "kind"));
            JsonValue input = Get(root, "input", JsonKind.Object);
            int sampleRate = GetInt(input, "sampleRate");
            int length = GetInt(input, "length");
            var labels = new List<string>();
            foreach (JsonValue label in Get(root, "labels", JsonKind.Array).Items)
            {
                Expect(label, JsonKind.String, "a label");
                labels.Add(label.Text);
            }
            JsonValue layersJson = Get(root, "layers", JsonKind.Array);
            var layers = new List<LayerSpec>();
            var positions = new List<JsonValue>();
            foreach (JsonValue layerJson in layersJson.Items)
            {
                Expect(layerJson, JsonKind.Object, "a layer");
                layers.Add(ReadLayer(layerJson, precision));
                positions.Add(layerJson);
            }
            var manifest = new ModelManifest(name, precision, source, compiler, labels, sampleRate, length, layers);

            string declaredHash = GetString(root, "contentHash");
            string actualHash = ManifestWriter.ComputeHash(ManifestWriter.WriteBody(manifest));
            if (declaredHash != actualHash)
            {
                throw At(root.Find("contentHash")!, "content hash mismatch: the manifest was edited after kwsc wrote it; re-export it with kwsc export");
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

        private static LayerSpec ReadLayer(JsonValue j, ModelPrecision precision)
        {
            string op = GetString(j, "op");
            string name = GetString(j, "name");
            switch (op)
            {
                case "quantize":
                    return new QuantizeLayer(name, GetInt(j, "channels"), GetInt(j, "length"), GetQuantization(j, "output"));
                case "dequantize":
                    return new DequantizeLayer(name, GetInt(j, "channels"), GetInt(j, "length"), GetQuantization(j, "input"));
                case "logsoftmax":
                    return new LogSoftmaxLayer(name, GetInt(j, "length"));
                case "maxpool1d":
                    return new MaxPool1dLayer(name, GetInt(j, "channels"), GetInt(j, "kernelSize"), GetInt(j, "stride"),
                        GetInt(j, "inputLength"), GetInt(j, "outputLength"));
                case "globalavgpool1d":
                    return new GlobalAvgPool1dLayer(name, GetInt(j, "channels"), GetInt(j, "inputLength"),
                        j.Find("quantization") is null ? null : GetQuantization(j, "quantization"));
                case "conv1d":
                {
                    int inC = GetInt(j, "inChannels"), outC = GetInt(j, "outChannels"), k = GetInt(j, "kernelSize");
                    var w = ReadWeights(j, precision, new[] { outC, inC, k });
                    return new Conv1dLayer(name, inC, outC, k, GetInt(j, "stride"), GetInt(j, "inputLength"), GetInt(j, "outputLength"),
                        GetBool(j, "relu"), w.Bias, w.Floats, w.Int8, w.Quantization, w.Input, w.Output);
                }
                case "linear":
                {
                    int inF = GetInt(j, "inFeatures"), outF = GetInt(j, "outFeatures");
                    var w = ReadWeights(j, precision, new[] { outF, inF });
                    return new LinearLayer(name, inF, outF, GetBool(j, "relu"), w.Bias, w.Floats, w.Int8, w.Quantization, w.Input, w.Output);
                }
                default:
                    throw At(j.Find("op")!, $"unsupported layer op \"{op}\" in layer \"{name}\" (supported: quantize, conv1d, maxpool1d, globalavgpool1d, linear, dequantize, logsoftmax)");
            }
        }

        private sealed class Weights
        {
            public float[] Bias = new float[0];
            public float[]? Floats;
            public sbyte[]? Int8;
            public WeightQuantization? Quantization;
            public ActivationQuantization? Input;
            public ActivationQuantization? Output;
        }

        private static Weights ReadWeights(JsonValue j, ModelPrecision precision, int[] shape)
        {
            var result = new Weights();
            JsonValue weights = Get(j, "weights", JsonKind.Object);
            string dtype = GetString(weights, "dtype");
            CheckShape(weights, shape);
            byte[] data = GetBase64(weights, "data");
            long count = 1;
            foreach (int d in shape) count *= d;
            if (precision == ModelPrecision.Int8)
            {
                if (dtype != "int8") throw At(weights, $"weights dtype is \"{dtype}\", an int8 model needs \"int8\"");
                if (data.Length != count) throw At(weights, $"weights hold {data.Length} bytes, shape needs {count}");
                result.Int8 = new sbyte[data.Length];
                Buffer.BlockCopy(data, 0, result.Int8, 0, data.Length);
                JsonValue wq = Get(j, "weightQuantization", JsonKind.Object);
                string scheme = GetString(wq, "scheme");
                if (scheme != "per_channel_affine" && scheme != "per_tensor_affine")
                {
                    throw At(wq, $"unsupported weight quantization scheme \"{scheme}\"");
                }
                var scales = new List<double>();
                foreach (JsonValue s in Get(wq, "scales", JsonKind.Array).Items) scales.Add(ToDouble(s));
                var zeroPoints = new List<int>();
                foreach (JsonValue z in Get(wq, "zeroPoints", JsonKind.Array).Items) zeroPoints.Add(ToInt(z));
                result.Quantization = new WeightQuantization(scheme == "per_channel_affine", GetInt(wq, "axis"), scales.ToArray(), zeroPoints.ToArray());
                result.Input = GetQuantization(j, "input");
                result.Output = GetQuantization(j, "output");
            }
            else
            {
                if (dtype != "float32") throw At(weights, $"weights dtype is \"{dtype}\", a float32 model needs \"float32\"");
                result.Floats = ToFloats(weights, data, count);
            }
            JsonValue bias = Get(j, "bias", JsonKind.Object);
            if (GetString(bias, "dtype") != "float32") throw At(bias, "bias dtype must be \"float32\"");
            CheckShape(bias, new[] { shape[0] });
            result.Bias = ToFloats(bias, GetBase64(bias, "data"), shape[0]);
            return result;
        }

        private static void CheckShape(JsonValue tensor, int[] expected)
        {
            JsonValue shape = Get(tensor, "shape", JsonKind.Array);
            bool same = shape.Items.Count == expected.Length;
            for (int i = 0; same && i < expected.Length; i++) same = ToInt(shape.Items[i]) == expected[i];
            if (!same)
            {
                throw At(shape, $"tensor shape does not match the layer: expected [{string.Join(", ", expected)}]");
            }
        }

        private static float[] ToFloats(JsonValue where, byte[] data, long count)
        {
            if (data.Length != count * 4) throw At(where, $"tensor holds {data.Length} bytes, shape needs {count * 4}");
            var result = new float[count];
            if (!BitConverter.IsLittleEndian)
            {
                for (int i = 0; i < data.Length; i += 4) Array.Reverse(data, i, 4);
            }
            Buffer.BlockCopy(data, 0, result, 0, data.Length);
            return result; // NaN and infinities are ManifestValidator's to refuse
        }

        private static ActivationQuantization GetQuantization(JsonValue j, string name)
        {
            JsonValue q = Get(j, name, JsonKind.Object);
            return new ActivationQuantization(ToDouble(Get(q, "scale", JsonKind.Number)), GetInt(q, "zeroPoint"));
        }

        private static JsonValue Get(JsonValue obj, string name, JsonKind kind)
        {
            JsonValue? value = obj.Find(name);
            if (value is null)
            {
                throw At(obj, $"missing \"{name}\"");
            }
            Expect(value, kind, $"\"{name}\"");
            return value;
        }

        private static string GetString(JsonValue obj, string name) => Get(obj, name, JsonKind.String).Text;

        private static int GetInt(JsonValue obj, string name) => ToInt(Get(obj, name, JsonKind.Number));

        private static bool GetBool(JsonValue obj, string name) => Get(obj, name, JsonKind.Boolean).Boolean;

        private static byte[] GetBase64(JsonValue obj, string name)
        {
            JsonValue value = Get(obj, name, JsonKind.String);
            try
            {
                return Convert.FromBase64String(value.Text);
            }
            catch (FormatException)
            {
                throw At(value, $"\"{name}\" is not valid base64");
            }
        }

        private static int ToInt(JsonValue value)
        {
            Expect(value, JsonKind.Number, "an integer");
            if (!int.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result))
            {
                throw At(value, $"{value.Text} is not a 32-bit integer");
            }
            return result;
        }

        private static double ToDouble(JsonValue value)
        {
            Expect(value, JsonKind.Number, "a number");
            double result = double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsNaN(result) || double.IsInfinity(result))
            {
                throw At(value, $"{value.Text} is out of range");
            }
            return result;
        }

        private static void Expect(JsonValue value, JsonKind kind, string what)
        {
            if (value.Kind != kind)
            {
                throw At(value, $"{what} must be a JSON {kind.ToString().ToLowerInvariant()}, found {value.Kind.ToString().ToLowerInvariant()}");
            }
        }

        private static ManifestException At(JsonValue value, string message) =>
            new ManifestException(message, value.Line, value.Column);
    }
}
