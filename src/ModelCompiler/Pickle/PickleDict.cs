namespace Kws.Compiler.Pickle;

/// <summary>
/// A Python dict or OrderedDict in insertion order. Keys are limited to str, int, float and bool: PyTorch state_dicts
/// only use strings, and rejecting the rest keeps hashing of hostile keys out of the question.
/// </summary>
public sealed class PickleDict
{
    // Allocated on the first SETITEM: an empty dict costs one small object, so a pickle of EMPTY_DICT opcodes
    // cannot make kwsc allocate many times its size.
    private List<KeyValuePair<object, object?>>? _entries;
    private Dictionary<object, int>? _index;

    public IReadOnlyList<KeyValuePair<object, object?>> Entries => _entries ?? [];

    /// <summary>The state a BUILD opcode set on the dict (a state_dict's <c>_metadata</c>), kept but not interpreted.</summary>
    public object? State { get; set; }

    public int Count => _entries?.Count ?? 0;

    public void Set(object? key, object? value)
    {
        if (key is not (string or long or double or bool))
        {
            throw new PickleException($"a dictionary key of type {PickleReader.Describe(key)} is not supported");
        }
        if (key is string { Length: > MaxKeyLength } text)
        {
            // Each SETITEM hashes its key: a long key set again and again from the memo would cost its length every time.
            throw new PickleException($"a dictionary key of {text.Length} characters is longer than the {MaxKeyLength} a state_dict key needs");
        }
        _entries ??= [];
        _index ??= [];
        if (_index.TryGetValue(key, out int position))
        {
            _entries[position] = new KeyValuePair<object, object?>(key, value);
            return;
        }
        _index[key] = _entries.Count;
        _entries.Add(new KeyValuePair<object, object?>(key, value));
    }

    /// <summary>The longest string key accepted (state_dict keys are dotted module paths, far shorter).</summary>
    public const int MaxKeyLength = 4096;

    public object? Get(string key) => _index is not null && _index.TryGetValue(key, out int position) ? _entries![position].Value : null;
}
