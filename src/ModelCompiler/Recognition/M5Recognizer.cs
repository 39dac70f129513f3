using Kws.Compiler.Checkpoints;
using Kws.Compiler.Export;
using Kws.Compiler.Pickle;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Recognition;

/// <summary>
/// Recognises the M5 family in a state_dict: FP32 with BatchNorm (conv1..4, bn1..4, fc1), or eager-mode quantized
/// (PTQ/QAT: conv1..4 with output scale/zero point, packed fc1, quant stub). Channel counts and kernel sizes come
/// from the weights; every key must be used, so an unknown model is an error rather than a silent misreading.
/// </summary>
public sealed class M5Recognizer
{
    public const int ConvolutionCount = 4;

    private readonly Checkpoint _checkpoint;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private M5Recognizer(Checkpoint checkpoint) => _checkpoint = checkpoint;

    public static M5Model Recognize(Checkpoint checkpoint) => new M5Recognizer(checkpoint).Recognize();

    private M5Model Recognize()
    {
        TorchTensor? conv1 = _checkpoint["conv1.weight"] as TorchTensor;
        M5Model model = conv1?.DType switch
        {
            TorchDType.Float32 => RecognizeFloat(),
            TorchDType.QInt8 => RecognizeQuantized(),
            _ => throw Error(conv1 is null
                ? "it has no conv1.weight tensor, so it is not an M5 state_dict"
                : $"conv1.weight is {conv1.DType.TorchName()}; an M5 checkpoint has float32 (FP32) or qint8 (PTQ/QAT) weights"),
        };
        string[] unused = _checkpoint.Entries.Select(e => e.Key).Where(k => !_used.Contains(k)).ToArray();
        if (unused.Length > 0)
        {
            throw Error($"unexpected key{(unused.Length > 1 ? "s" : "")} {string.Join(", ", unused.Take(5))}: not the M5 family");
        }
        return model;
    }

    private M5Model RecognizeFloat()
    {
        var convs = new List<ConvStage>();
        for (int i = 1; i <= ConvolutionCount; i++)
        {
            TorchTensor weight = Conv($"conv{i}", TorchDType.Float32, convs.LastOrDefault()?.OutChannels);
            int outChannels = (int)weight.Shape[0];
            double[]? bias = Optional($"conv{i}.bias") is TorchTensor b ? Vector(b, $"conv{i}.bias", outChannels, TorchDType.Float32).ToDoubles() : null;
            string bn = $"bn{i}";
            double[] Stat(string name) => Vector(Tensor($"{bn}.{name}"), $"{bn}.{name}", outChannels, TorchDType.Float32).ToDoubles();
            double[] variance = Stat("running_var");
            int negative = Array.FindIndex(variance, v => !(v >= 0));
            if (negative >= 0)
            {
                // Training never produces one; folding it would give NaN or silently wrong weights.
                throw Error($"{bn}.running_var[{negative}] is {variance[negative].ToString(System.Globalization.CultureInfo.InvariantCulture)}: a variance is never negative or NaN, so the checkpoint is corrupt");
            }
            var (folded, foldedBias) = BatchNormFolding.Fold(
                weight.ToDoubles(), bias, Stat("weight"), Stat("bias"), Stat("running_mean"), variance);
            Optional($"{bn}.num_batches_tracked");
            convs.Add(new ConvStage($"conv{i}", (int)weight.Shape[1], outChannels, (int)weight.Shape[2],
                new StageWeights(folded, null, null, foldedBias, null)));
        }
        TorchTensor fcWeight = Matrix(Tensor("fc1.weight"), "fc1.weight", TorchDType.Float32, convs[^1].OutChannels);
        int classes = (int)fcWeight.Shape[0];
        float[] fcBias = Optional("fc1.bias") is TorchTensor fb ? Vector(fb, "fc1.bias", classes, TorchDType.Float32).ToFloats() : new float[classes];
        var fc = new LinearStage("fc1", (int)fcWeight.Shape[1], classes, new StageWeights(fcWeight.ToFloats(), null, null, fcBias, null));
        return new M5Model(ModelPrecision.Float32, null, convs, fc);
    }

    private M5Model RecognizeQuantized()
    {
        ActivationQuantization input = Activation("quant");
        var convs = new List<ConvStage>();
        for (int i = 1; i <= ConvolutionCount; i++)
        {
            string name = $"conv{i}";
            TorchTensor weight = Conv(name, TorchDType.QInt8, convs.LastOrDefault()?.OutChannels);
            int outChannels = (int)weight.Shape[0];
            float[] bias = Optional($"{name}.bias") is TorchTensor b ? Vector(b, $"{name}.bias", outChannels, TorchDType.Float32).ToFloats() : new float[outChannels];
            convs.Add(new ConvStage(name, (int)weight.Shape[1], outChannels, (int)weight.Shape[2],
                new StageWeights(null, weight.ToSBytes(), WeightQuantizationOf(weight, name + ".weight"), bias, Activation(name))));
        }
        if (Optional("fc1._packed_params.dtype") is not TorchDTypeValue { DType: TorchDType.QInt8 })
        {
            throw Error("fc1._packed_params.dtype must be torch.qint8 in a quantized M5");
        }
        const string packed = "fc1._packed_params._packed_params";
        if (Optional(packed) is not PickleTuple { Count: 2 } tuple || tuple[0] is not TorchTensor fcWeight)
        {
            throw Error($"{packed} must be the (weight, bias) tuple of a quantized Linear");
        }
        fcWeight = Matrix(fcWeight, packed + "[0]", TorchDType.QInt8, convs[^1].OutChannels);
        int classes = (int)fcWeight.Shape[0];
        float[] fcBias = tuple[1] switch
        {
            TorchTensor fb => Vector(fb, packed + "[1]", classes, TorchDType.Float32).ToFloats(),
            null => new float[classes],
            var other => throw Error($"{packed}[1] must be the float bias, found {PickleReader.Describe(other)}"),
        };
        var fc = new LinearStage("fc1", (int)fcWeight.Shape[1], classes,
            new StageWeights(null, fcWeight.ToSBytes(), WeightQuantizationOf(fcWeight, packed + "[0]"), fcBias, Activation("fc1")));
        return new M5Model(ModelPrecision.Int8, input, convs, fc);
    }

    /// <summary>A conv weight [out, in, kernel] whose input channels match the previous stage.</summary>
    private TorchTensor Conv(string name, TorchDType dtype, int? previousChannels)
    {
        string key = name + ".weight";
        TorchTensor weight = Tensor(key);
        if (weight.DType != dtype || weight.Shape.Count != 3 || weight.ElementCount == 0)
        {
            throw Error($"{key} is {Describe(weight)}; expected a non-empty {dtype.TorchName()} [out, in, kernel] tensor");
        }
        if (previousChannels is int channels && weight.Shape[1] != channels)
        {
            throw Error($"{key} takes {weight.Shape[1]} input channels but the previous layer produces {channels}");
        }
        return weight;
    }

    private TorchTensor Matrix(TorchTensor tensor, string key, TorchDType dtype, int inFeatures)
    {
        if (tensor.DType != dtype || tensor.Shape.Count != 2 || tensor.Shape[0] < 1 || tensor.Shape[1] != inFeatures)
        {
            throw Error($"{key} is {Describe(tensor)}; expected {dtype.TorchName()} [classes, {inFeatures}]");
        }
        return tensor;
    }

    private TorchTensor Vector(TorchTensor tensor, string key, int length, TorchDType dtype)
    {
        if (tensor.DType != dtype || tensor.Shape.Count != 1 || tensor.Shape[0] != length)
        {
            throw Error($"{key} is {Describe(tensor)}; expected {dtype.TorchName()} [{length}]");
        }
        return tensor;
    }

    /// <summary>The output quantization a quantized module stores as <c>&lt;name&gt;.scale</c> and <c>&lt;name&gt;.zero_point</c>.</summary>
    private ActivationQuantization Activation(string module)
    {
        TorchTensor scale = Tensor(module + ".scale"), zeroPoint = Tensor(module + ".zero_point");
        if (scale.ElementCount != 1 || zeroPoint.ElementCount != 1 || scale.DType.IsQuantized() || zeroPoint.DType.IsQuantized())
        {
            throw Error($"{module}.scale and {module}.zero_point must hold one number each");
        }
        double s = scale.ToDoubles()[0], z = zeroPoint.ToDoubles()[0];
        if (!(s > 0) || double.IsInfinity(s) || z != Math.Floor(z) || z < 0 || z > 255)
        {
            throw Error($"{module} has scale {s} and zero point {z}; expected a positive scale and a zero point in 0..255");
        }
        return new ActivationQuantization(s, (int)z);
    }

    private WeightQuantization WeightQuantizationOf(TorchTensor weight, string key)
    {
        TensorQuantization q = weight.Quantization ?? throw Error($"{key} has no quantizer");
        if (q.Scheme is not (QuantizationScheme.PerChannelAffine or QuantizationScheme.PerTensorAffine))
        {
            throw Error($"{key} uses {q.Scheme.TorchName()}; kwsc supports per_channel_affine and per_tensor_affine int8 weights");
        }
        int[] zeroPoints = q.ZeroPoints.Select(z => z == Math.Floor(z) && Math.Abs(z) <= 127 ? (int)z
            : throw Error($"{key} has the weight zero point {z}, not an int8 value")).ToArray();
        return new WeightQuantization(q.Scheme == QuantizationScheme.PerChannelAffine, q.Axis, q.Scales, zeroPoints);
    }

    private TorchTensor Tensor(string key)
    {
        _used.Add(key);
        return _checkpoint.Contains(key) ? _checkpoint.Tensor(key) : throw Error($"it has no key {key}, which an M5 checkpoint of this kind has");
    }

    private object? Optional(string key)
    {
        _used.Add(key);
        return _checkpoint[key];
    }

    private static string Describe(TorchTensor tensor) => $"{tensor.DType.TorchName()} {tensor.SizeText}";

    private CheckpointException Error(string message) => new($"{_checkpoint.FileName}: {message}");
}
