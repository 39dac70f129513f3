using System.Buffers.Binary;
using System.Text;

namespace Kws.Compiler.Tests.Support;

/// <summary>Writes pickle opcodes by hand, to make well-formed and hostile pickles the tests need.</summary>
internal sealed class PickleBuilder
{
    private readonly List<byte> _bytes = [];

    public PickleBuilder Proto(int version = 2) => Op(0x80).Byte((byte)version);

    public PickleBuilder Global(string module, string name) => Op('c').Ascii(module + "\n" + name + "\n");

    public PickleBuilder StackGlobal(string module, string name) => Unicode(module).Unicode(name).Op(0x93);

    public PickleBuilder Unicode(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Op('X').Int32(utf8.Length);
        _bytes.AddRange(utf8);
        return this;
    }

    public PickleBuilder Int(long value)
    {
        if (value is >= 0 and < 256) return Op('K').Byte((byte)value);
        if (value is >= int.MinValue and <= int.MaxValue) return Op('J').Int32((int)value);
        var raw = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(raw, value);
        Op(0x8a).Byte(8);
        _bytes.AddRange(raw);
        return this;
    }

    public PickleBuilder Mark() => Op('(');
    public PickleBuilder Tuple() => Op('t');
    public PickleBuilder EmptyTuple() => Op(')');
    public PickleBuilder EmptyDict() => Op('}');
    public PickleBuilder SetItem() => Op('s');
    public PickleBuilder SetItems() => Op('u');
    public PickleBuilder Reduce() => Op('R');
    public PickleBuilder Build() => Op('b');
    public PickleBuilder PersistentId() => Op('Q');
    public PickleBuilder False() => Op(0x89);
    public PickleBuilder Stop() => Op('.');

    public PickleBuilder IntTuple(params long[] values)
    {
        Mark();
        foreach (long v in values) Int(v);
        return Tuple();
    }

    /// <summary>('storage', torch.&lt;storageClass&gt;, key, 'cpu', count) followed by BINPERSID.</summary>
    public PickleBuilder Storage(string storageClass, string key, long count) =>
        Mark().Unicode("storage").Global("torch", storageClass).Unicode(key).Unicode("cpu").Int(count).Tuple().PersistentId();

    /// <summary>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()).</summary>
    public PickleBuilder Tensor(string storageClass, string key, long count, long offset, long[] size, long[] stride) =>
        Global("torch._utils", "_rebuild_tensor_v2").Mark().Storage(storageClass, key, count).Int(offset)
            .IntTuple(size).IntTuple(stride).False().Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple().Reduce();

    /// <summary>OrderedDict() then MARK: the opening of a state_dict; finish with <see cref="EndStateDict"/>.</summary>
    public PickleBuilder BeginStateDict() => Proto().Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark();

    public PickleBuilder EndStateDict() => SetItems().Stop();

    public PickleBuilder Op(char opcode) => Byte((byte)opcode);
    public PickleBuilder Op(byte opcode) => Byte(opcode);

    public PickleBuilder Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public PickleBuilder Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private PickleBuilder Int32(int value)
    {
        var raw = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(raw, value);
        _bytes.AddRange(raw);
        return this;
    }

    private PickleBuilder Ascii(string text)
    {
        _bytes.AddRange(Encoding.ASCII.GetBytes(text));
        return this;
    }
}
