using System.Collections.Concurrent;
using Kws.Compiler.Analysis;
using Kws.Compiler.Quantization.Calibration;
using Kws.Compiler.Quantization.Ranges;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// Turns a calibrated float model into int8 models, one per recipe: each observed tensor's quantizer from its recipe
/// (<see cref="ActivationRecipe"/>), each weight quantized as PyTorch's convert does (<see cref="WeightQuantizer"/>),
/// the bias optionally corrected, laid out by <see cref="Int8ModelBuilder"/> and checked by the engines' validator.
/// Quantizers already computed are kept, so a sweep over many recipes computes each (tensor, method) once.
/// Thread-safe.
/// </summary>
public sealed class PostTrainingQuantizer(ModelManifest fp32, CalibrationStatistics statistics)
{
    private readonly ConcurrentDictionary<(string Tensor, ActivationRecipe Recipe), Lazy<QuantizationParameters>> activations = new();
    private readonly ConcurrentDictionary<(string Layer, WeightRecipe Recipe), Lazy<QuantizationParameters>> weights = new();

    public ModelManifest Float => fp32;

    public CalibrationStatistics Statistics => statistics;

    /// <summary>The quantizer <paramref name="recipe"/> picks for one observed tensor.</summary>
    public QuantizationParameters Activation(string tensor, ActivationRecipe recipe) =>
        activations.GetOrAdd((tensor, recipe), key => new Lazy<QuantizationParameters>(() => key.Recipe.Choose(statistics[key.Tensor]))).Value;

    /// <param name="recipe">How every quantizer is chosen.</param>
    /// <param name="name">The model's name (a C# identifier).</param>
    /// <param name="source">The FP32 checkpoint it came from.</param>
    /// <param name="int8Blocks">
    /// Only these blocks (<see cref="ModelBlock"/> names: conv1, ..., fc1) in int8, the rest in float, with a quantize
    /// and a dequantize step around each int8 block (<see cref="MixedPrecisionManifest"/>); null: the whole model.
    /// </param>
    public QuantizedModel Quantize(QuantizationRecipe recipe, string name, SourceCheckpoint source, IReadOnlyCollection<string>? int8Blocks = null)
    {
        if (recipe.Problem is string problem)
        {
            throw new CalibrationException(problem);
        }
        var chosen = statistics.Tensors.ToDictionary(t => t.Name, t => Activation(t.Name, recipe.For(t.Name)));
        var weightParameters = new Dictionary<string, QuantizationParameters>();
        Int8ModelBuilder.Int8Weights Weights(WeightedLayerSpec layer)
        {
            float[] floats = layer.FloatWeights!;
            QuantizationParameters q = weights.GetOrAdd((layer.Name, recipe.Weights),
                key => new Lazy<QuantizationParameters>(() => key.Recipe.Choose(floats, layer.OutChannels))).Value;
            weightParameters[layer.Name] = q;
            sbyte[] codes = WeightQuantizer.Quantize(floats, q);
            float[] bias = recipe.BiasCorrection && statistics.InputMeans.TryGetValue(layer.Name, out LayerInputMean? mean)
                ? BiasCorrection.Correct(floats, codes, q, layer.Bias, mean)
                : layer.Bias;
            var quantization = new WeightQuantization(q.IsPerChannel, 0, [.. q.Scales.Select(s => (double)s)], q.ZeroPoints);
            return new Int8ModelBuilder.Int8Weights(codes, quantization, bias);
        }
        ActivationQuantization Output(string tensor)
        {
            QuantizationParameters q = chosen[tensor];
            return new ActivationQuantization(q.Scale, q.ZeroPoint);
        }
        ModelManifest manifest = Int8ModelBuilder.Build(fp32, Output, Weights, name, source);
        try
        {
            ManifestValidator.Validate(manifest);
            if (int8Blocks is not null)
            {
                ModelManifest mixed = MixedPrecisionManifest.Build(fp32, manifest, int8Blocks);
                manifest = new ModelManifest(name, source, mixed.Compiler, mixed.Labels, mixed.SampleRate, mixed.InputLength, mixed.Layers);
                ManifestValidator.Validate(manifest);
            }
        }
        catch (ManifestValidationException e)
        {
            throw new CalibrationException($"the int8 model of {recipe.Name} cannot run: {e.Message}");
        }
        return new QuantizedModel(manifest, recipe, chosen, weightParameters, Warnings(chosen));
    }

    /// <summary>Tensors that were 0 on every calibration clip: PyTorch's quantizer (scale eps) keeps them exactly 0 and nothing else.</summary>
    private IReadOnlyList<string> Warnings(Dictionary<string, QuantizationParameters> chosen) => statistics.Tensors
        .Where(t => t.MinMax.TensorRange() is (0f, 0f))
        .Select(t => $"{(t.Tensor.IsInput ? "the model input" : t.Name + "'s output")} was 0 on every calibration clip; "
            + $"its quantizer (scale {chosen[t.Name].Scale:G3}, PyTorch's fallback) represents nothing but 0")
        .ToList();
}
