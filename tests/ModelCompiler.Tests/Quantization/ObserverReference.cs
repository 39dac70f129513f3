using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>
/// models/references/observers/ (models/recipe/make_observer_references.py): the float32 tensors PyTorch's observers
/// saw while calibrating the bundled FP32 M5 on committed clips, and the qparams each observer configuration computed.
/// </summary>
internal sealed class ObserverReference
{
    private static readonly Lazy<ObserverReference> Shared = new(Load);
    private readonly float[] tensors;

    private ObserverReference(JsonElement root, float[] tensors)
    {
        Root = root;
        this.tensors = tensors;
    }

    public static string Folder => Path.Combine(RepositoryPaths.References, "observers");

    public static ObserverReference Instance => Shared.Value;

    public JsonElement Root { get; }

    /// <summary>A tensor entry {shape, offset, length} of tensors.bin.gz.</summary>
    public (float[] Values, int[] Shape) Tensor(JsonElement entry)
    {
        int offset = entry.GetProperty("offset").GetInt32();
        int length = entry.GetProperty("length").GetInt32();
        int[] shape = [.. entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
        return (tensors.AsSpan(offset, length).ToArray(), shape);
    }

    /// <summary>The batches an activation observer saw, in call order (a conv observer sees each batch twice).</summary>
    public IReadOnlyList<(float[] Values, int[] Shape)> Calls(string tensor)
    {
        JsonElement activation = Root.GetProperty("activations").GetProperty(tensor);
        var distinct = activation.GetProperty("tensors").EnumerateArray().Select(Tensor).ToArray();
        return [.. activation.GetProperty("calls").EnumerateArray().Select(i => distinct[i.GetInt32()])];
    }

    /// <summary>The folded weight of conv1..conv4 or fc1 (fc1's is its own weight: it has no BatchNorm).</summary>
    public (float[] Values, int[] Shape) FoldedWeight(string layer) => Tensor(Root.GetProperty("folded").GetProperty(layer).GetProperty("weight"));

    public (float[] Values, int[] Shape) FoldedBias(string layer) => Tensor(Root.GetProperty("folded").GetProperty(layer).GetProperty("bias"));

    private static ObserverReference Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "observers.json")));
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Folder, "tensors.bin.gz")), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the reference tensors are little-endian float32");
        }
        return new ObserverReference(document.RootElement.Clone(), MemoryMarshal.Cast<byte, float>(bytes.ToArray()).ToArray());
    }
}
