namespace Kws.Fuzz.Targets;

/// <summary>
/// Bytes as a pipe delivers them: not seekable, and each read returns a piece of the next size in a fixed cycle of odd
/// sizes (1 byte, a few bytes, just over a buffer), so every boundary a reader has to carry across is crossed.
/// </summary>
internal sealed class PiecewiseStream(byte[] bytes) : Stream
{
    private static readonly int[] PieceSizes = [1, 7, 3, 4099, 2, 65537, 13, 5];
    private int position;
    private int piece;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, bytes.Length - position), PieceSizes[piece++ % PieceSizes.Length]);
        bytes.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
