namespace Kws.Runtime.Tests.Audio;

/// <summary>A stream that can only be read forwards, like a pipe: no length, no seeking.</summary>
internal abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A pipe stand-in: the bytes, read in small pieces.</summary>
internal sealed class UnseekableStream(byte[] bytes, int piece = 3) : ForwardOnlyStream
{
    private int position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, piece), bytes.Length - position);
        Array.Copy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }
}

/// <summary>/dev/zero: zeros without end, counting what was read.</summary>
internal sealed class EndlessZeros : ForwardOnlyStream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Array.Clear(buffer, offset, count);
        BytesRead += count;
        return count;
    }
}
