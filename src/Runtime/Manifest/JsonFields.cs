using System;
using System.Collections.Generic;
using System.Globalization;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Typed access to the members of a manifest's JSON objects, for the reader and for each layer type's <c>Read</c>:
    /// every missing member, wrong type or out-of-range number becomes a <see cref="ManifestException"/> at the
    /// position of the value at fault.
    /// </summary>
    internal static class JsonFields
    {
        /// <summary>How much of a value's text an error message quotes: a 100 000-digit number is not echoed whole.</summary>
        private const int QuotedTextLength = 40;

        public static JsonValue Get(JsonValue obj, string name, JsonKind kind)
        {
            JsonValue? value = obj.Find(name);
            if (value is null)
            {
                throw At(obj, $"missing \"{name}\"");
            }
            Expect(value, kind, $"\"{name}\"");
            return value;
        }

        public static string String(JsonValue obj, string name) => Get(obj, name, JsonKind.String).Text;

        public static int Int(JsonValue obj, string name) => ToInt(Get(obj, name, JsonKind.Number));

        public static bool Bool(JsonValue obj, string name) => Get(obj, name, JsonKind.Boolean).Boolean;

        public static byte[] Base64(JsonValue obj, string name)
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

        /// <summary>A per-tensor activation quantization object: { "scale": s, "zeroPoint": z }.</summary>
        public static ActivationQuantization Quantization(JsonValue obj, string name)
        {
            JsonValue q = Get(obj, name, JsonKind.Object);
            return new ActivationQuantization(ToDouble(Get(q, "scale", JsonKind.Number)), Int(q, "zeroPoint"));
        }

        /// <summary>Like <see cref="Quantization"/>, or null when the member is absent.</summary>
        public static ActivationQuantization? OptionalQuantization(JsonValue obj, string name) =>
            obj.Find(name) is null ? null : Quantization(obj, name);

        public static int ToInt(JsonValue value)
        {
            Expect(value, JsonKind.Number, "an integer");
            if (!int.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result))
            {
                throw At(value, $"{Quote(value.Text)} is not a 32-bit integer");
            }
            return result;
        }

        public static double ToDouble(JsonValue value)
        {
            Expect(value, JsonKind.Number, "a number");
            double result = double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsNaN(result) || double.IsInfinity(result))
            {
                throw At(value, $"{Quote(value.Text)} is out of range");
            }
            return result;
        }

        /// <summary>The "shape" member of a tensor object, which must equal <paramref name="expected"/>.</summary>
        public static void CheckShape(JsonValue tensor, int[] expected)
        {
            JsonValue shape = Get(tensor, "shape", JsonKind.Array);
            bool same = shape.Items.Count == expected.Length;
            for (int i = 0; same && i < expected.Length; i++) same = ToInt(shape.Items[i]) == expected[i];
            if (!same)
            {
                throw At(shape, $"tensor shape does not match the layer: expected [{string.Join(", ", expected)}]");
            }
        }

        /// <summary>Little-endian float32 values, exactly <paramref name="count"/> of them.</summary>
        public static float[] Floats(JsonValue where, byte[] data, long count)
        {
            if (data.Length != count * 4) throw At(where, $"tensor holds {data.Length} bytes, shape needs {count * 4}");
            var result = new float[count];
            if (!BitConverter.IsLittleEndian)
            {
                for (int i = 0; i < data.Length; i += 4) Array.Reverse(data, i, 4);
            }
            Buffer.BlockCopy(data, 0, result, 0, data.Length);
            return result; // NaN and infinities are the validator's to refuse (WeightedLayerSpec), for every producer alike
        }

        public static void Expect(JsonValue value, JsonKind kind, string what)
        {
            if (value.Kind != kind)
            {
                throw At(value, $"{what} must be a JSON {kind.ToString().ToLowerInvariant()}, found {value.Kind.ToString().ToLowerInvariant()}");
            }
        }

        public static ManifestException At(JsonValue value, string message, ManifestProblem problem = ManifestProblem.InconsistentModel) =>
            new ManifestException(message, value.Line, value.Column, problem);

        /// <summary>At most <see cref="QuotedTextLength"/> characters of <paramref name="text"/>, marked when cut.</summary>
        public static string Quote(string text) =>
            text.Length <= QuotedTextLength ? text : text.Substring(0, QuotedTextLength) + $"... ({text.Length} characters)";

        /// <summary>The "weights", "weightQuantization", "input", "output" and "bias" of a Conv1d or Linear layer.</summary>
        public static LayerWeights Weights(JsonValue layer, int[] shape)
        {
            JsonValue weights = Get(layer, "weights", JsonKind.Object);
            string dtype = String(weights, "dtype");
            CheckShape(weights, shape);
            byte[] data = Base64(weights, "data");
            long count = 1;
            foreach (int d in shape) count *= d;
            var result = new LayerWeights();
            if (dtype == "int8")
            {
                if (data.Length != count) throw At(weights, $"weights hold {data.Length} bytes, shape needs {count}");
                result.Int8 = new sbyte[data.Length];
                Buffer.BlockCopy(data, 0, result.Int8, 0, data.Length);
                JsonValue wq = Get(layer, "weightQuantization", JsonKind.Object);
                string scheme = String(wq, "scheme");
                if (scheme != "per_channel_affine" && scheme != "per_tensor_affine")
                {
                    throw At(wq, $"unsupported weight quantization scheme \"{Quote(scheme)}\"");
                }
                var scales = new List<double>();
                foreach (JsonValue s in Get(wq, "scales", JsonKind.Array).Items) scales.Add(ToDouble(s));
                var zeroPoints = new List<int>();
                foreach (JsonValue z in Get(wq, "zeroPoints", JsonKind.Array).Items) zeroPoints.Add(ToInt(z));
                result.Quantization = new WeightQuantization(scheme == "per_channel_affine", Int(wq, "axis"), scales.ToArray(), zeroPoints.ToArray());
                result.Input = Quantization(layer, "input");
                result.Output = Quantization(layer, "output");
            }
            else if (dtype == "float32")
            {
                result.Floats = Floats(weights, data, count);
            }
            else
            {
                throw At(weights, $"weights dtype is \"{Quote(dtype)}\": expected \"int8\" or \"float32\"");
            }
            JsonValue bias = Get(layer, "bias", JsonKind.Object);
            if (String(bias, "dtype") != "float32") throw At(bias, "bias dtype must be \"float32\"");
            CheckShape(bias, new[] { shape[0] });
            result.Bias = Floats(bias, Base64(bias, "data"), shape[0]);
            return result;
        }
    }

    /// <summary>What <see cref="JsonFields.Weights"/> reads: float32 or int8 weights, and their companions.</summary>
    internal sealed class LayerWeights
    {
        public float[] Bias = new float[0];
        public float[]? Floats;
        public sbyte[]? Int8;
        public WeightQuantization? Quantization;
        public ActivationQuantization? Input;
        public ActivationQuantization? Output;
    }
}
