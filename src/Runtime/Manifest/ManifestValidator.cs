using Kws.Runtime.Layers;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Checks that a manifest describes a model the engines can run: the model's own fields, then each layer against
    /// the activation flowing into it (<see cref="LayerSpec"/>.Validate: shapes, float vs uint8, quantization
    /// parameters), then that the model ends in float log-probabilities, one per label. Shared by kwsc (before
    /// writing), the interpreter and the generator (linked source), so all three accept exactly the same models.
    /// </summary>
    public static class ManifestValidator
    {
        /// <summary>Upper bound on any one activation tensor, to refuse absurd shapes before allocating.</summary>
        public const int MaxActivationElements = 1 << 24;

        /// <summary>Checks that <paramref name="m"/> describes a model both engines can run; <see cref="ManifestValidationException"/> naming the layer otherwise.</summary>
        public static void Validate(ModelManifest m)
        {
            if (!IsIdentifier(m.Name))
            {
                throw new ManifestValidationException($"model name \"{JsonFields.Quote(m.Name)}\" is not a C# identifier (letters, digits, '_'; not starting with a digit)");
            }
            if (m.SampleRate < 1000 || m.SampleRate > 384000)
            {
                throw new ManifestValidationException($"input sample rate {m.SampleRate} is outside 1000..384000 Hz");
            }
            if (m.InputLength < 1 || m.InputLength > MaxActivationElements)
            {
                throw new ManifestValidationException($"input length {m.InputLength} is outside 1..{MaxActivationElements}");
            }
            if (m.Layers.Count == 0)
            {
                throw new ManifestValidationException("the manifest has no layers");
            }
            if (m.Engine != QuantizedEngine.Onednn && m.Precision == ModelPrecision.Float32)
            {
                throw new ManifestValidationException($"engine \"{m.Engine.Name()}\" is for int8 layers and this model has none: leave \"engine\" out");
            }
            for (int i = 0; i < m.Layers.Count; i++)
            {
                LayerSpec layer = m.Layers[i];
                try
                {
                    layer.Validate(m.Tensors[i]);
                    if (layer is WeightedLayerSpec { IsQuantized: true } weighted)
                    {
                        // The constants the engine will compute with must exist (float32 range, no int32 overflow).
                        RequantizationPlan.For(weighted, m.Engine);
                    }
                    if (m.Tensors[i + 1].Elements > MaxActivationElements)
                    {
                        throw new ManifestValidationException($"output of {m.Tensors[i + 1].Elements} values exceeds the limit of {MaxActivationElements}");
                    }
                }
                catch (ManifestValidationException e) when (e.LayerIndex < 0)
                {
                    throw new ManifestValidationException($"layer {i} \"{JsonFields.Quote(layer.Name)}\" ({layer.Op}): {e.Message}", i);
                }
            }
            int last = m.Layers.Count - 1;
            TensorSpec output = m.Tensors[m.Tensors.Count - 1];
            if (output.IsQuantized)
            {
                throw new ManifestValidationException("the model ends on quantized values: a dequantize step is missing", last);
            }
            if (!(m.Layers[last] is LogSoftmaxLayer))
            {
                throw new ManifestValidationException("the last layer must be logsoftmax", last);
            }
            for (int i = 0; i < last; i++)
            {
                if (m.Layers[i] is LogSoftmaxLayer)
                {
                    throw new ManifestValidationException($"layer {i} \"{JsonFields.Quote(m.Layers[i].Name)}\" (logsoftmax): log-softmax must be the last layer", i);
                }
            }
            if (m.Labels.Count != output.Elements)
            {
                throw new ManifestValidationException($"the model has {output.Elements} classes but {m.Labels.Count} labels");
            }
        }

        /// <summary>Whether <paramref name="name"/> can name a generated class: ASCII letters, digits and underscores, not starting with a digit, at most 100 characters.</summary>
        public static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || name.Length > 100 || char.IsDigit(name[0])) return false;
            foreach (char c in name)
            {
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
            }
            return true;
        }
    }
}
