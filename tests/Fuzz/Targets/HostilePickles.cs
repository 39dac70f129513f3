namespace Kws.Fuzz.Targets;

/// <summary>Hand-written pickles (protocol 2) for the hostile seeds: each builds {"w": value} with a hostile value.</summary>
internal static class HostilePickles
{
    private static readonly byte[] DictWithKeyW = [0x80, 2, (byte)'}', (byte)'X', 1, 0, 0, 0, (byte)'w'];
    private static readonly byte[] SetItemStop = [(byte)'s', (byte)'.'];

    /// <summary>((((...)))) nested <paramref name="depth"/> deep through TUPLE1.</summary>
    public static byte[] DeepTuples(int depth) => [.. DictWithKeyW, (byte)')', .. Enumerable.Repeat((byte)0x85, depth), .. SetItemStop];

    /// <summary>
    /// A list of <paramref name="width"/> memo references to a list of <paramref name="width"/> references to ...,
    /// <paramref name="levels"/> deep: a few hundred bytes that a naive walk visits width^levels times.
    /// </summary>
    public static byte[] MemoFanOut(int levels, int width)
    {
        var bytes = new List<byte>(DictWithKeyW) { (byte)']', (byte)'q', 0, (byte)'0' };
        for (int level = 1; level <= levels; level++)
        {
            bytes.AddRange([(byte)']', (byte)'(']);
            for (int i = 0; i < width; i++) bytes.AddRange([(byte)'h', (byte)(level - 1)]);
            bytes.Add((byte)'e');
            if (level < levels) bytes.AddRange([(byte)'q', (byte)level, (byte)'0']);
        }
        return [.. bytes, .. SetItemStop];
    }

    /// <summary>
    /// torch._utils._rebuild_tensor_v2 of one float over storage "0", which the pickle claims holds
    /// <paramref name="floats"/> floats: reading the storage would expand all of them.
    /// </summary>
    public static byte[] OneFloatOverStorage(int floats)
    {
        var bytes = new List<byte>(DictWithKeyW);
        void Global(string module, string name) => bytes.AddRange([(byte)'c', .. System.Text.Encoding.ASCII.GetBytes($"{module}\n{name}\n")]);
        void Text(string text) => bytes.AddRange([(byte)'X', .. BitConverter.GetBytes(text.Length), .. System.Text.Encoding.ASCII.GetBytes(text)]);
        void Int(int value) => bytes.AddRange([(byte)'J', .. BitConverter.GetBytes(value)]);
        Global("torch._utils", "_rebuild_tensor_v2");
        bytes.Add((byte)'(');
        bytes.Add((byte)'(');
        Text("storage");
        Global("torch", "FloatStorage");
        Text("0");
        Text("cpu");
        Int(floats);
        bytes.AddRange([(byte)'t', (byte)'Q']); // the persistent id tuple, BINPERSID
        Int(0); // offset
        bytes.AddRange([(byte)'K', 1, 0x85, (byte)'K', 1, 0x85, 0x89]); // size (1,), stride (1,), requires_grad False
        Global("collections", "OrderedDict");
        bytes.AddRange([(byte)')', (byte)'R', (byte)'t', (byte)'R']);
        return [.. bytes, .. SetItemStop];
    }
}
