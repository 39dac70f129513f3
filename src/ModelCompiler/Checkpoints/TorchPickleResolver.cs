using Kws.Compiler.Pickle;

namespace Kws.Compiler.Checkpoints;

/// <summary>
/// The allow-list for PyTorch state_dict pickles. Resolves only: <c>collections.OrderedDict</c>; the tensor rebuild
/// functions of <c>torch._utils</c> (<c>_rebuild_tensor</c>, <c>_rebuild_tensor_v2</c>, <c>_rebuild_parameter</c>,
/// <c>_rebuild_parameter_with_state</c>, <c>_rebuild_qtensor</c>); the legacy storage classes (<c>torch.FloatStorage</c>
/// ...); <c>torch.&lt;dtype&gt;</c> and <c>torch.&lt;qscheme&gt;</c> values. Each is interpreted here by C# code of
/// our own; nothing from the pickle is ever executed, and any other global is refused by name.
/// </summary>
internal sealed class TorchPickleResolver(CheckpointArchive archive) : IPickleResolver
{
    private const string RebuildModule = "torch._utils";

    private static readonly HashSet<string> RebuildFunctions =
        ["_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_parameter", "_rebuild_parameter_with_state", "_rebuild_qtensor"];

    private readonly TensorGatherer _gatherer = new(archive);
    private readonly Dictionary<string, TorchStorage> _storages = new(StringComparer.Ordinal);

    public object ResolveGlobal(string module, string name)
    {
        if ((module == "collections" && name == "OrderedDict") || (module == RebuildModule && RebuildFunctions.Contains(name)))
        {
            return new PickleGlobal(module, name);
        }
        if (module == "torch")
        {
            if (TorchDTypes.FromStorageClass(name) is TorchDType storageType) return new StorageClass(name, storageType);
            if (TorchDTypes.FromName(name) is TorchDType dtype) return new TorchDTypeValue(dtype);
            if (QuantizationSchemes.FromName(name) is QuantizationScheme scheme) return scheme;
        }
        throw new PickleException(
            $"refusing the global {module}.{name}: a checkpoint may only refer to PyTorch tensor types, and kwsc never runs code from it");
    }

    public object? Call(object? callable, PickleTuple arguments)
    {
        if (callable is not PickleGlobal function)
        {
            throw new PickleException($"refusing to call {PickleReader.Describe(callable)}: it is not an allowed function");
        }
        var args = new TorchArguments(function.FullName, arguments);
        switch (function.Name)
        {
            case "OrderedDict":
                args.ExpectCount(0, 0);
                return new PickleDict();
            case "_rebuild_tensor":
                args.ExpectCount(4, 4);
                return Rebuild(args, quantization: null);
            case "_rebuild_tensor_v2":
                args.ExpectCount(6, 7); // requires_grad, backward hooks and metadata do not change the values
                return Rebuild(args, quantization: null);
            case "_rebuild_qtensor":
                args.ExpectCount(7, 7);
                return Rebuild(args, Quantizer(args.Tuple(4)));
            case "_rebuild_parameter":
            case "_rebuild_parameter_with_state":
                args.ExpectCount(3, 4);
                TorchTensor data = args.Tensor(0);
                return new TorchTensor(data.DType, data.Shape.ToArray(), data.Data, data.Quantization) { IsParameter = true };
            default:
                throw new PickleException($"refusing to call {function.FullName}");
        }
    }

    public object? Build(object? target, object? state)
    {
        if (target is PickleDict dict)
        {
            dict.State = state; // a state_dict's _metadata: module versions, not needed to read the tensors
            return dict;
        }
        throw new PickleException($"refusing BUILD on {PickleReader.Describe(target)}: only an OrderedDict may take state");
    }

    public object? PersistentLoad(object? persistentId)
    {
        var id = new TorchArguments("a persistent id", persistentId as PickleTuple
            ?? throw new PickleException($"a persistent id must be a tuple, found {PickleReader.Describe(persistentId)}"));
        id.ExpectCount(5, 5);
        if (id.String(0) != "storage")
        {
            throw new PickleException($"persistent id of kind \"{id.String(0)}\" is not a storage");
        }
        if (id[1] is not StorageClass storageClass)
        {
            throw new PickleException($"a storage's type must be a storage class, found {PickleReader.Describe(id[1])}");
        }
        string key = id.String(2);
        long count = id.Long(4);
        if (_storages.TryGetValue(key, out TorchStorage? known))
        {
            return known.DType == storageClass.DType && known.ElementCount == count
                ? known
                : throw new PickleException($"storage {key} is referred to with two different types or sizes");
        }
        int size = storageClass.DType.ElementSize();
        if (count < 0 || count > CheckpointArchive.MaxFileBytes / size)
        {
            throw new PickleException($"storage {key} claims {count} elements, more than the archive can hold");
        }
        archive.CheckStorage(key, count * size);
        var storage = new TorchStorage(storageClass.DType, key, count, archive);
        _storages[key] = storage;
        return storage;
    }

    private TorchTensor Rebuild(TorchArguments args, TensorQuantization? quantization)
    {
        if (args[0] is not TorchStorage storage)
        {
            throw new PickleException($"{args.Function} needs a storage as its first argument, found {PickleReader.Describe(args[0])}");
        }
        if (quantization is not null && !storage.DType.IsQuantized())
        {
            throw new PickleException($"a quantized tensor is stored in a {storage.DType.TorchName()} storage");
        }
        TorchTensor tensor = _gatherer.Gather(storage, args.Long(1), args.Longs(2), args.Longs(3), quantization);
        if (quantization is { Scheme: var scheme } q && scheme.IsPerChannel())
        {
            CheckPerChannel(tensor, q);
        }
        return tensor;
    }

    /// <summary>The quantizer tuple of <c>_rebuild_qtensor</c>: (scheme, scale, zero_point) or (scheme, scales, zero_points, axis).</summary>
    private static TensorQuantization Quantizer(PickleTuple parameters)
    {
        var p = new TorchArguments("a quantizer", parameters);
        if (p[0] is not QuantizationScheme scheme)
        {
            throw new PickleException($"a quantizer must start with a torch qscheme, found {PickleReader.Describe(p[0])}");
        }
        if (scheme is QuantizationScheme.PerTensorAffine)
        {
            p.ExpectCount(3, 3);
            return new TensorQuantization(scheme, [p.Double(1)], [p.Long(2)], 0);
        }
        if (scheme is QuantizationScheme.PerChannelAffine or QuantizationScheme.PerChannelAffineFloatQParams)
        {
            p.ExpectCount(4, 4);
            long axis = p.Long(3);
            if (axis < 0 || axis > 15) throw new PickleException($"quantization axis {axis} is out of range");
            return new TensorQuantization(scheme, p.Tensor(1).ToDoubles(), p.Tensor(2).ToDoubles(), (int)axis);
        }
        throw new PickleException($"quantization scheme torch.{scheme.TorchName()} is not supported");
    }

    private static void CheckPerChannel(TorchTensor tensor, TensorQuantization q)
    {
        if (q.Axis >= tensor.Shape.Count)
        {
            throw new PickleException($"quantization axis {q.Axis} does not exist in a tensor of {tensor.Shape.Count} dimensions");
        }
        long channels = tensor.Shape[q.Axis];
        if (q.Scales.Length != channels || q.ZeroPoints.Length != channels)
        {
            throw new PickleException($"a per-channel quantized tensor has {channels} channels but {q.Scales.Length} scales and {q.ZeroPoints.Length} zero points");
        }
    }
}
