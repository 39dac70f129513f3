namespace Kws.Compiler.Pickle;

/// <summary>
/// A pickle stream that is malformed, truncated, or asks for something the resolver does not allow. The reader
/// fills in <see cref="Offset"/> and <see cref="Opcode"/> for the opcode at fault; the message then names them.
/// </summary>
public sealed class PickleException : Exception
{
    public PickleException(string reason) : base(reason) => Reason = reason;

    private PickleException(string reason, long offset, byte opcode)
        : base(reason.StartsWith("unsupported pickle opcode", StringComparison.Ordinal)
            ? $"{reason} at byte {offset}"
            : $"{reason} (opcode 0x{opcode:x2} at byte {offset})")
    {
        Reason = reason;
        Offset = offset;
        Opcode = opcode;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The byte offset in the pickle of the opcode at fault, or null before the reader placed it.</summary>
    public long? Offset { get; }

    /// <summary>The opcode at fault, or null before the reader placed it.</summary>
    public byte? Opcode { get; }

    /// <summary>This error placed at the opcode <paramref name="opcode"/> at byte <paramref name="offset"/>, unless it already has a place.</summary>
    public PickleException At(long offset, byte opcode) => Offset is null ? new PickleException(Reason, offset, opcode) : this;
}
