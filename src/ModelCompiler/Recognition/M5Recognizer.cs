using Kws.Compiler.Checkpoints;
using Kws.Compiler.Export;
using Kws.Compiler.Pickle;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Recognition;

/// <summary>
/// Recognises the M5 family in a state_dict, in either layout (<see cref="CheckpointLayout"/>): FP32 with BatchNorm,
/// fully quantized (PTQ/QAT: every conv int8, packed fc1, quant stub), or layer-wise quantized (one int8 block, the
/// other blocks fused float ConvReLU1d, float fc1, quant stub). Each block's form is read from its own keys
/// (<see cref="BlockForm"/>). Channel counts and kernel sizes come from the weights; every key must be used, so an
/// unknown or inconsistent model is an error naming the keys that do not fit, never a silent misreading.
/// </summary>
public sealed class M5Recognizer
{
    public const int ConvolutionCount = 4;
    private const string QuantStub = "quant";

    private readonly Checkpoint _checkpoint;
    private readonly CheckpointLayout _layout;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private M5Recognizer(Checkpoint checkpoint)
    {
        _checkpoint = checkpoint;
        _layout = CheckpointLayouts.Of(checkpoint.Entries.Select(e => e.Key));
    }

    public static M5Model Recognize(Checkpoint checkpoint) => new M5Recognizer(checkpoint).Recognize();

    private M5Model Recognize()
    {
        string first = _layout.Convolution(1);
        if (!_checkpoint.Contains(first + ".weight") && !_checkpoint.Contains(first + ".0.weight"))
        {
            throw Error($"it has no {first}.weight tensor, so it is not an M5 state_dict");
        }
        var convs = new List<ConvStage>();
        for (int i = 1; i <= ConvolutionCount; i++)
        {
            convs.Add(Stage(i, convs.LastOrDefault()?.OutChannels));
        }
        LinearStage fc = Classifier(convs[^1].OutChannels);
        QuantizationScope scope = ScopeOf(convs, fc);
        ActivationQuantization? input = scope == QuantizationScope.None ? null : Stub(convs);
        string[] unused = _checkpoint.Entries.Select(e => e.Key).Where(k => !_used.Contains(k)).ToArray();
        if (unused.Length > 0)
        {
            throw Error($"unexpected key{(unused.Length > 1 ? "s" : "")} {string.Join(", ", unused.Take(5))}: not the M5 family");
        }
        return new M5Model(_layout, scope, input, convs, fc);
    }

    /// <summary>Stage <paramref name="i"/> in whichever form its keys say (<see cref="BlockForm"/>).</summary>
    private ConvStage Stage(int i, int? previousChannels)
    {
        string name = $"conv{i}", module = _layout.Convolution(i), bn = _layout.BatchNorm(i);
        bool fused = _checkpoint.Contains(module + ".0.weight");
        if (fused && _checkpoint.Contains(module + ".weight"))
        {
            throw Error($"{module}.weight and {module}.0.weight: a stage is either a plain or a fused (ConvReLU1d) convolution, not both");
        }
        string weightModule = fused ? module + ".0" : module;
        TorchTensor weight = Tensor(weightModule + ".weight");
        BlockForm form = fused ? BlockForm.FloatFused : weight.DType == TorchDType.QInt8 ? BlockForm.Int8 : BlockForm.FloatWithBatchNorm;
        string[] batchNormKeys = _checkpoint.Entries.Select(e => e.Key).Where(k => k.StartsWith(bn + ".", StringComparison.Ordinal)).ToArray();
        if (form != BlockForm.FloatWithBatchNorm && batchNormKeys.Length > 0)
        {
            throw Error($"{weightModule} is a fused conv+ReLU ({(form.IsInt8() ? "int8" : "float")}, BatchNorm already folded in) but " +
                $"{string.Join(", ", batchNormKeys.Take(5))} {(batchNormKeys.Length > 1 ? "are" : "is")} left over: a fused block has no BatchNorm keys");
        }
        TorchDType dtype = form.IsInt8() ? TorchDType.QInt8 : TorchDType.Float32;
        CheckConv(weight, weightModule + ".weight", dtype, previousChannels);
        int outChannels = (int)weight.Shape[0];
        StageWeights weights = form switch
        {
            BlockForm.Int8 => new StageWeights(null, weight.ToSBytes(), WeightQuantizationOf(weight, weightModule + ".weight"),
                Bias(weightModule, outChannels), Activation(weightModule)),
            BlockForm.FloatFused => new StageWeights(weight.ToFloats(), null, null, Bias(weightModule, outChannels), null),
            _ => Folded(weight, module, bn, outChannels),
        };
        return new ConvStage(name, weightModule, form == BlockForm.FloatWithBatchNorm ? bn : null, form,
            (int)weight.Shape[1], outChannels, (int)weight.Shape[2], weights);
    }

    /// <summary>A float conv and its BatchNorm, folded (<see cref="BatchNormFolding"/>).</summary>
    private StageWeights Folded(TorchTensor weight, string module, string bn, int outChannels)
    {
        double[]? bias = Optional($"{module}.bias") is TorchTensor b ? Vector(b, $"{module}.bias", outChannels, TorchDType.Float32).ToDoubles() : null;
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
        return new StageWeights(folded, null, null, foldedBias, null);
    }

    private float[] Bias(string module, int outChannels) =>
        Optional($"{module}.bias") is TorchTensor b ? Vector(b, $"{module}.bias", outChannels, TorchDType.Float32).ToFloats() : new float[outChannels];

    /// <summary>fc1: a float Linear (fc1.weight, fc1.bias) or a quantized one (packed (weight, bias), scale, zero point).</summary>
    private LinearStage Classifier(int inFeatures)
    {
        if (_checkpoint.Contains("fc1.weight"))
        {
            TorchTensor weight = Matrix(Tensor("fc1.weight"), "fc1.weight", TorchDType.Float32, inFeatures);
            int classes = (int)weight.Shape[0];
            float[] bias = Optional("fc1.bias") is TorchTensor fb ? Vector(fb, "fc1.bias", classes, TorchDType.Float32).ToFloats() : new float[classes];
            return new LinearStage("fc1", inFeatures, classes, new StageWeights(weight.ToFloats(), null, null, bias, null));
        }
        const string packed = "fc1._packed_params._packed_params";
        if (!_checkpoint.Contains(packed))
        {
            throw Error($"it has neither fc1.weight (a float fc1) nor {packed} (a quantized fc1)");
        }
        if (Optional("fc1._packed_params.dtype") is not TorchDTypeValue { DType: TorchDType.QInt8 })
        {
            throw Error("fc1._packed_params.dtype must be torch.qint8 in a quantized M5");
        }
        if (Optional(packed) is not PickleTuple { Count: 2 } tuple || tuple[0] is not TorchTensor fcWeight)
        {
            throw Error($"{packed} must be the (weight, bias) tuple of a quantized Linear");
        }
        fcWeight = Matrix(fcWeight, packed + "[0]", TorchDType.QInt8, inFeatures);
        int count = (int)fcWeight.Shape[0];
        float[] fcBias = tuple[1] switch
        {
            TorchTensor fb => Vector(fb, packed + "[1]", count, TorchDType.Float32).ToFloats(),
            null => new float[count],
            var other => throw Error($"{packed}[1] must be the float bias, found {PickleReader.Describe(other)}"),
        };
        return new LinearStage("fc1", inFeatures, count,
            new StageWeights(null, fcWeight.ToSBytes(), WeightQuantizationOf(fcWeight, packed + "[0]"), fcBias, Activation("fc1")));
    }

    /// <summary>
    /// Which part is int8, from the stages' forms: none, all (blocks and fc1) or exactly one block with a float fc1.
    /// Any other mix is no checkpoint the seed's code writes, and an error naming the int8 keys.
    /// </summary>
    private QuantizationScope ScopeOf(IReadOnlyList<ConvStage> convs, LinearStage fc)
    {
        ConvStage[] int8 = convs.Where(c => c.Form.IsInt8()).ToArray();
        bool fcInt8 = fc.Weights.IsInt8;
        if (int8.Length == 0 && !fcInt8) return QuantizationScope.None;
        if (int8.Length == convs.Count && fcInt8) return QuantizationScope.WholeModel;
        if (int8.Length == 1 && !fcInt8) return QuantizationScope.SingleBlock;
        string int8Keys = string.Join(", ", int8.Select(c => c.Module + ".weight").Concat(fcInt8 ? ["fc1._packed_params"] : []));
        string found = int8.Length > 1 && !fcInt8
            ? $"{int8.Length} int8 blocks ({int8Keys} are qint8)"
            : $"int8 {string.Join(", ", int8.Select(c => c.Name).Concat(fcInt8 ? ["fc1"] : []))} ({int8Keys}) next to float " +
              string.Join(", ", convs.Where(c => !c.Form.IsInt8()).Select(c => c.Name).Concat(fcInt8 ? [] : ["fc1"]));
        throw Error($"{found}: an M5 checkpoint has every layer int8 (PTQ/QAT) or exactly one int8 block with the rest float (layer-wise), not this mix");
    }

    /// <summary>The quant stub's scale and zero point, which a quantized checkpoint must have.</summary>
    private ActivationQuantization Stub(IReadOnlyList<ConvStage> convs)
    {
        if (!_checkpoint.Contains(QuantStub + ".scale") || !_checkpoint.Contains(QuantStub + ".zero_point"))
        {
            ConvStage first = convs.First(c => c.Form.IsInt8());
            throw Error($"{first.Module}.weight is qint8 but quant.scale or quant.zero_point is missing: " +
                $"the QuantStub that quantizes {first.Name}'s input is not in the checkpoint");
        }
        return Activation(QuantStub);
    }

    /// <summary>A conv weight [out, in, kernel] whose input channels match the previous stage.</summary>
    private TorchTensor CheckConv(TorchTensor weight, string key, TorchDType dtype, int? previousChannels)
    {
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
