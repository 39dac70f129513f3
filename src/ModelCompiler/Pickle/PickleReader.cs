using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Kws.Compiler.Pickle;

/// <summary>
/// A pickle virtual machine for the binary protocols 2 to 5, limited to the opcodes that build data: ints, floats,
/// strings, bytes, tuples, lists, dicts, the memo, and the four ways a pickle names or calls code (GLOBAL,
/// STACK_GLOBAL, REDUCE/NEWOBJ, BUILD, persistent ids), each of which is handed to an <see cref="IPickleResolver"/>
/// allow-list. It never imports or executes anything itself. Every length is checked against the bytes that remain,
/// so a hostile stream cannot make it allocate more than its own size.
/// </summary>
public sealed class PickleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _data;
    private readonly IPickleResolver _resolver;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;
    private int _pushes;

    /// <summary>
    /// The most values one pickle may push: a state_dict pickle pushes about one value per 4 bytes (M5's: 699 for
    /// 2,740 bytes), so this is twice what a pickle of the 4 MiB limit plausibly needs.
    /// </summary>
    public const int MaxPushes = 2_000_000;

    private PickleReader(byte[] data, IPickleResolver resolver)
    {
        _data = data;
        _resolver = resolver;
    }

    /// <summary>Runs the pickle to its STOP opcode and returns the top of the stack.</summary>
    public static object? Load(byte[] data, IPickleResolver resolver) => new PickleReader(data, resolver).Run();

    /// <summary>A short name for a value's type, for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        string => "str",
        long => "int",
        double => "float",
        bool => "bool",
        byte[] => "bytes",
        PickleTuple => "tuple",
        List<object?> => "list",
        PickleDict => "dict",
        PickleGlobal g => g.FullName,
        _ => value.GetType().Name,
    };

    private object? Run()
    {
        while (true)
        {
            int at = _pos;
            byte opcode = ReadByte();
            try
            {
                if (Step(opcode))
                {
                    if (_stack.Count != 1 || _marks.Count != 0)
                    {
                        throw new PickleException($"STOP with {_stack.Count} values on the stack and {_marks.Count} open marks");
                    }
                    return _stack[0];
                }
            }
            catch (PickleException e) when (e.Offset is null)
            {
                throw e.At(at, opcode);
            }
        }
    }

    /// <summary>Executes one opcode; true at STOP.</summary>
    private bool Step(byte opcode)
    {
        switch (opcode)
        {
            case 0x80: // PROTO
                int protocol = ReadByte();
                if (protocol < 2 || protocol > 5) throw new PickleException($"pickle protocol {protocol} is not supported (2 to 5 are)");
                break;
            case 0x95: // FRAME: a length hint only
                long frame = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
                if (frame < 0 || frame > _data.Length - _pos) throw new PickleException($"frame of {frame} bytes runs past the end of the data");
                break;
            case (byte)'.': return true; // STOP
            case (byte)'(': _marks.Push(_stack.Count); break; // MARK
            case (byte)'0': Pop(); break; // POP
            case (byte)'1': PopMark(); break; // POP_MARK
            case (byte)'2': Push(Peek()); break; // DUP
            case (byte)'N': Push(null); break; // NONE
            case 0x88: Push(true); break; // NEWTRUE
            case 0x89: Push(false); break; // NEWFALSE
            case (byte)'K': Push((long)ReadByte()); break; // BININT1
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
            case 0x8a: Push(ReadLong(ReadByte())); break; // LONG1
            case 0x8b: Push(ReadLong(ReadLength(4))); break; // LONG4
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT
            case 0x8c: Push(ReadUtf8(ReadByte())); break; // SHORT_BINUNICODE
            case (byte)'X': Push(ReadUtf8(ReadLength(4))); break; // BINUNICODE
            case 0x8d: Push(ReadUtf8(ReadLength(8))); break; // BINUNICODE8
            case (byte)'U': Push(Encoding.Latin1.GetString(Take(ReadByte()))); break; // SHORT_BINSTRING
            case (byte)'T': Push(Encoding.Latin1.GetString(Take(ReadLength(4)))); break; // BINSTRING
            case (byte)'C': Push(Take(ReadByte()).ToArray()); break; // SHORT_BINBYTES
            case (byte)'B': Push(Take(ReadLength(4)).ToArray()); break; // BINBYTES
            case 0x8e: Push(Take(ReadLength(8)).ToArray()); break; // BINBYTES8
            case 0x96: Push(Take(ReadLength(8)).ToArray()); break; // BYTEARRAY8
            case (byte)')': Push(PickleTuple.Empty); break; // EMPTY_TUPLE
            case 0x85: Push(new PickleTuple([Pop()])); break; // TUPLE1
            case 0x86: { var b = Pop(); var a = Pop(); Push(new PickleTuple([a, b])); break; } // TUPLE2
            case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new PickleTuple([a, b, c])); break; } // TUPLE3
            case (byte)'t': Push(new PickleTuple(PopMark())); break; // TUPLE
            case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
            case (byte)'l': Push(new List<object?>(PopMark())); break; // LIST
            case (byte)'a': { var item = Pop(); ListOnTop("APPEND").Add(item); break; } // APPEND
            case (byte)'e': { var items = PopMark(); ListOnTop("APPENDS").AddRange(items); break; } // APPENDS
            case (byte)'}': Push(new PickleDict()); break; // EMPTY_DICT
            case (byte)'d': Push(DictOf(PopMark())); break; // DICT
            case (byte)'s': { var value = Pop(); var key = Pop(); DictOnTop("SETITEM").Set(key, value); break; } // SETITEM
            case (byte)'u': SetItems(); break; // SETITEMS
            case (byte)'c': Push(_resolver.ResolveGlobal(ReadLine(), ReadLine())); break; // GLOBAL
            case 0x93: StackGlobal(); break; // STACK_GLOBAL
            case (byte)'R': { var args = PopTuple("REDUCE"); Push(_resolver.Call(Pop(), args)); break; } // REDUCE
            case 0x81: { var args = PopTuple("NEWOBJ"); Push(_resolver.Call(Pop(), args)); break; } // NEWOBJ
            case 0x92: NewObjEx(); break; // NEWOBJ_EX
            case (byte)'b': { var state = Pop(); Push(_resolver.Build(Pop(), state)); break; } // BUILD
            case (byte)'Q': Push(_resolver.PersistentLoad(Pop())); break; // BINPERSID
            case (byte)'P': Push(_resolver.PersistentLoad(ReadLine())); break; // PERSID
            case (byte)'q': Memoize(ReadByte()); break; // BINPUT
            case (byte)'r': Memoize(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))); break; // LONG_BINPUT
            case (byte)'p': Memoize(ReadDecimalLine()); break; // PUT
            case 0x94: Memoize(_memo.Count); break; // MEMOIZE
            case (byte)'h': Push(Recall(ReadByte())); break; // BINGET
            case (byte)'j': Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break; // LONG_BINGET
            case (byte)'g': Push(Recall(ReadDecimalLine())); break; // GET
            default:
                throw new PickleException($"unsupported pickle opcode 0x{opcode:x2}" + OpcodeHint(opcode));
        }
        return false;
    }

    private static string OpcodeHint(byte opcode) => opcode switch
    {
        (byte)'i' or (byte)'o' => " (INST/OBJ: creating class instances is not allowed)",
        0x82 or 0x83 or 0x84 => " (EXT: extension registry codes are not allowed)",
        0x97 or 0x98 => " (out-of-band buffers are not supported)",
        _ => "",
    };

    private void StackGlobal()
    {
        if (Pop() is not string name || Pop() is not string module)
        {
            throw new PickleException("STACK_GLOBAL needs two strings (module and name)");
        }
        Push(_resolver.ResolveGlobal(module, name));
    }

    private void NewObjEx()
    {
        object? kwargs = Pop();
        PickleTuple args = PopTuple("NEWOBJ_EX");
        if (kwargs is not PickleDict { Count: 0 })
        {
            throw new PickleException("NEWOBJ_EX with keyword arguments is not supported");
        }
        Push(_resolver.Call(Pop(), args));
    }

    private void SetItems()
    {
        List<object?> items = PopMark();
        PickleDict dict = DictOnTop("SETITEMS");
        if (items.Count % 2 != 0) throw new PickleException("SETITEMS with an odd number of values");
        for (int i = 0; i < items.Count; i += 2) dict.Set(items[i], items[i + 1]);
    }

    private static PickleDict DictOf(List<object?> items)
    {
        if (items.Count % 2 != 0) throw new PickleException("DICT with an odd number of values");
        var dict = new PickleDict();
        for (int i = 0; i < items.Count; i += 2) dict.Set(items[i], items[i + 1]);
        return dict;
    }

    private PickleTuple PopTuple(string opcode) =>
        Pop() as PickleTuple ?? throw new PickleException($"{opcode} needs a tuple of arguments");

    private List<object?> ListOnTop(string opcode) =>
        Peek() as List<object?> ?? throw new PickleException($"{opcode} needs a list, found {Describe(Peek())}");

    private PickleDict DictOnTop(string opcode) =>
        Peek() as PickleDict ?? throw new PickleException($"{opcode} needs a dict, found {Describe(Peek())}");

    private void Push(object? value)
    {
        // Every value the pickle makes passes here: counting them bounds the objects (and so the memory) a pickle
        // can create, whatever mix of opcodes it uses.
        if (++_pushes > MaxPushes)
        {
            throw new PickleException($"the pickle makes more than {MaxPushes} values, far more than a state_dict needs (see docs/limits.md)");
        }
        _stack.Add(value);
    }

    private object? Peek()
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _marks.Peek() == _stack.Count))
        {
            throw new PickleException("stack underflow");
        }
        return _stack[^1];
    }

    private object? Pop()
    {
        object? value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw new PickleException("no MARK to pop to");
        int start = _marks.Pop();
        List<object?> items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private void Memoize(long index)
    {
        if (_memo.Count >= _data.Length)
        {
            throw new PickleException("more memo entries than bytes in the pickle");
        }
        _memo[index] = Peek();
    }

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out object? value) ? value : throw new PickleException($"memo entry {index} was never stored");

    private byte ReadByte()
    {
        if (_pos >= _data.Length) throw Truncated();
        return _data[_pos++];
    }

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > _data.Length - _pos) throw Truncated();
        var span = new ReadOnlySpan<byte>(_data, _pos, (int)count);
        _pos += (int)count;
        return span;
    }

    private long ReadLength(int bytes)
    {
        ReadOnlySpan<byte> raw = Take(bytes);
        ulong length = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(raw) : BinaryPrimitives.ReadUInt64LittleEndian(raw);
        if (length > (ulong)(_data.Length - _pos)) throw Truncated();
        return (long)length;
    }

    private PickleException Truncated() =>
        new($"the pickle is truncated: it ends at byte {_data.Length} in the middle of an opcode");

    /// <summary>A little-endian two's complement integer of up to 8 bytes (LONG1/LONG4).</summary>
    private long ReadLong(long count)
    {
        ReadOnlySpan<byte> bytes = Take(count);
        if (bytes.Length > 8) throw new PickleException($"an integer of {bytes.Length} bytes is too large");
        if (bytes.Length == 0) return 0;
        long value = (sbyte)bytes[^1]; // sign-extends the most significant byte
        for (int i = bytes.Length - 2; i >= 0; i--) value = (value << 8) | bytes[i];
        return value;
    }

    private string ReadUtf8(long count)
    {
        try
        {
            return StrictUtf8.GetString(Take(count));
        }
        catch (DecoderFallbackException)
        {
            throw new PickleException("a string is not valid UTF-8");
        }
    }

    /// <summary>A newline-terminated ASCII line (GLOBAL's module and name, text-protocol arguments).</summary>
    private string ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0) throw Truncated();
        var builder = new StringBuilder(end - _pos);
        for (int i = _pos; i < end; i++)
        {
            byte b = _data[i];
            if (b < 0x20 || b > 0x7e) throw new PickleException($"a global or text argument contains the non-printable byte 0x{b:x2}");
            builder.Append((char)b);
        }
        _pos = end + 1;
        return builder.ToString();
    }

    private long ReadDecimalLine()
    {
        string line = ReadLine();
        return long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new PickleException($"\"{line}\" is not a memo index");
    }
}
