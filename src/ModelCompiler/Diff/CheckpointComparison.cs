using Kws.Compiler.Checkpoints;
using Kws.Compiler.Pickle;

namespace Kws.Compiler.Diff;

/// <summary>
/// Compares two state_dicts key by key and groups what it finds as the seed's "Overall" table does: BatchNorm folded,
/// quantization parameters added, FC packed, quant stubs added, plus dtype/shape changes and differing values. Keys
/// are matched under the M5's names (<see cref="KeyMapping"/>), so a modular checkpoint and its M5-layout twin compare
/// as the same tensors under other names. Everything is computed from the two files; nothing is assumed about which
/// one is FP32.
/// </summary>
public static class CheckpointComparison
{
    public static IReadOnlyList<ComponentDifference> Compare(Checkpoint a, Checkpoint b)
    {
        Dictionary<string, string> namesA = CanonicalNames(a), namesB = CanonicalNames(b);
        var result = new List<ComponentDifference>();
        foreach (ComponentKind kind in Enum.GetValues<ComponentKind>())
        {
            string[] keysA = a.Entries.Select(e => e.Key).Where(k => ComponentKinds.Of(k) == kind).ToArray();
            string[] keysB = b.Entries.Select(e => e.Key).Where(k => ComponentKinds.Of(k) == kind).ToArray();
            if (keysA.Length == 0 && keysB.Length == 0) continue;
            var byNameB = keysB.ToDictionary(k => namesB[k], StringComparer.Ordinal);
            var namedA = keysA.Select(k => namesA[k]).ToHashSet(StringComparer.Ordinal);
            string[] removed = keysA.Where(k => !byNameB.ContainsKey(namesA[k])).ToArray();
            string[] added = keysB.Where(k => !namedA.Contains(namesB[k])).ToArray();
            var changed = new List<string>();
            var valuesDiffer = new List<string>();
            var renamed = new List<string>();
            foreach (string keyA in keysA.Where(k => byNameB.ContainsKey(namesA[k])))
            {
                string keyB = byNameB[namesA[keyA]];
                string pair = keyA == keyB ? keyA : $"{keyA} -> {keyB}";
                string before = Describe(a[keyA]), after = Describe(b[keyB]);
                if (before != after) changed.Add($"{pair}: {before} -> {after}");
                else if (!SameValues(a[keyA], b[keyB])) valuesDiffer.Add(pair);
                else if (keyA != keyB) renamed.Add(pair);
            }
            result.Add(new ComponentDifference(kind, keysA, keysB, removed, added, changed, valuesDiffer, renamed,
                Summarise(kind, keysA, keysB, removed, added, changed, valuesDiffer, renamed)));
        }
        return result;
    }

    /// <summary>Each key's M5 name; a key whose M5 name another key of the same file already has keeps its own.</summary>
    private static Dictionary<string, string> CanonicalNames(Checkpoint checkpoint)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (string key in checkpoint.Entries.Select(e => e.Key))
        {
            string name = KeyMapping.Canonical(key);
            names[key] = taken.Add(name) ? name : key;
            taken.Add(key);
        }
        return names;
    }

    private static List<string> Summarise(ComponentKind kind, string[] keysA, string[] keysB, string[] removed, string[] added,
        List<string> changed, List<string> valuesDiffer, List<string> renamed)
    {
        var summary = new List<string>();
        bool Added(string suffix) => added.Any(k => k.EndsWith(suffix, StringComparison.Ordinal));
        bool Removed(string suffix) => removed.Any(k => k.EndsWith(suffix, StringComparison.Ordinal));
        switch (kind)
        {
            case ComponentKind.BatchNorm when keysB.Length == 0:
                summary.Add("folded into convX (present only in the first checkpoint)");
                break;
            case ComponentKind.BatchNorm when keysA.Length == 0:
                summary.Add("folded into convX in the first checkpoint (present only in the second)");
                break;
            case ComponentKind.Convolution when Added(".scale") || Added(".zero_point"):
                summary.Add("quantization parameters added (output scale and zero point)");
                break;
            case ComponentKind.Convolution when Removed(".scale") || Removed(".zero_point"):
                summary.Add("quantization parameters removed (output scale and zero point)");
                break;
            case ComponentKind.FullyConnected when added.Any(k => k.Contains("._packed_params", StringComparison.Ordinal)):
                summary.Add("packed: weight and bias moved into _packed_params (a (weight, bias) tuple) with dtype, scale and zero point");
                break;
            case ComponentKind.FullyConnected when removed.Any(k => k.Contains("._packed_params", StringComparison.Ordinal)):
                summary.Add("unpacked: _packed_params replaced by plain weight and bias");
                break;
            case ComponentKind.QuantStub when keysA.Length == 0:
                summary.Add("quant stubs added (input scale and zero point)");
                break;
            case ComponentKind.QuantStub when keysB.Length == 0:
                summary.Add("quant stubs removed");
                break;
        }
        if (renamed.Count > 0)
        {
            string modules = string.Join(", ", renamed.Select(r => r.Split(" -> ")).Select(p => $"`{Module(p[0])}.*` = `{Module(p[1])}.*`").Distinct());
            summary.Add(changed.Count + valuesDiffer.Count + removed.Length + added.Length == 0
                ? $"same tensors under other names ({modules})"
                : $"{renamed.Count} key{Plural(renamed.Count)} renamed with the same values ({modules})");
        }
        if (changed.Count > 0) summary.Add($"{changed.Count} key{Plural(changed.Count)} changed dtype or shape");
        if (valuesDiffer.Count > 0) summary.Add($"{valuesDiffer.Count} key{Plural(valuesDiffer.Count)} with different values");
        if (summary.Count == 0) summary.Add(removed.Length + added.Length == 0 ? "identical" : $"{removed.Length} removed, {added.Length} added");
        return summary;
    }

    /// <summary>The module pattern of a key, layer number as X: block1.block.0.weight -> blockX.block.0.</summary>
    private static string Module(string key) => KeyMapping.Module(ComponentKinds.Pattern(key));

    private static string Plural(int n) => n == 1 ? "" : "s";

    /// <summary>dtype and shape (tensors), or the Python type; a tuple lists its items.</summary>
    private static string Describe(object? value) => value switch
    {
        TorchTensor t => $"{t.DType.TorchName()} {t.SizeText}" + (t.Quantization is { } q ? $" {q.Scheme.TorchName()}" : ""),
        PickleTuple tuple => "(" + string.Join(", ", tuple.Items.Select(Describe)) + ")",
        _ => PythonTypeNames.Of(value),
    };

    private static bool SameValues(object? a, object? b) => (a, b) switch
    {
        (TorchTensor x, TorchTensor y) => x.Data.AsSpan().SequenceEqual(y.Data) && SameQuantization(x.Quantization, y.Quantization),
        (PickleTuple x, PickleTuple y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => SameValues(x[i], y[i])),
        _ => Equals(a, b),
    };

    private static bool SameQuantization(TensorQuantization? a, TensorQuantization? b) =>
        a is null ? b is null : b is not null && a.Scheme == b.Scheme && a.Axis == b.Axis
            && a.Scales.SequenceEqual(b.Scales) && a.ZeroPoints.SequenceEqual(b.ZeroPoints);
}
