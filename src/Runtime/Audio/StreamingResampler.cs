namespace Kws.Runtime.Audio;

/// <summary>
/// <see cref="SincResampler"/> fed a piece at a time, in memory bounded by the filter's span plus one chunk. It gives
/// out each frame of outputs as soon as every input sample it reads has arrived, and the rest (which read the zero
/// padding past the end) at <see cref="Finish"/>. The outputs, concatenated, are the same bits as resampling the
/// whole recording at once, however the input is split: each output is computed by the same
/// <see cref="PolyphaseKernel"/> in the same order. Not thread-safe.
/// </summary>
public sealed class StreamingResampler
{
    private readonly SincResampler resampler;
    private readonly SincFilterBank? bank;
    private readonly float[] history;
    private long historyStart;
    private int historyCount;
    private long emitted;
    private bool finished;

    /// <param name="resampler">the rate pair and filter</param>
    /// <param name="chunkSamples">the most input taken into the history at once; larger writes are split</param>
    public StreamingResampler(SincResampler resampler, int chunkSamples = 8192)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSamples, 1);
        this.resampler = resampler;
        ChunkSamples = chunkSamples;
        if (!resampler.IsIdentity)
        {
            bank = resampler.Bank;
            // What an incomplete frame and the frames before it still read, plus room for one chunk.
            history = new float[checked(bank.MaxEnd - bank.MinOffset + bank.Original + chunkSamples)];
        }
        else
        {
            history = [];
        }
    }

    /// <summary>The most input samples one <c>Write</c> takes at once.</summary>
    public int ChunkSamples { get; }

    /// <summary>Input samples written so far.</summary>
    public long InputLength { get; private set; }

    /// <summary>Output samples given out so far.</summary>
    public long OutputCount => emitted;

    /// <summary>The most outputs one <see cref="Write"/> of <paramref name="inputLength"/> samples gives.</summary>
    public long MaxOutputLength(int inputLength) =>
        bank is null ? inputLength : ((long)inputLength / bank.Original + 1) * bank.New;

    /// <summary>The most outputs <see cref="Finish"/> gives.</summary>
    public long MaxFinishLength => bank is null ? 0 : ((long)(bank.MaxEnd + bank.Original - 1) / bank.Original + 1) * bank.New;

    /// <summary>
    /// Takes <paramref name="input"/> and writes the outputs it completes to <paramref name="output"/> (which must
    /// hold <see cref="MaxOutputLength"/> samples); returns how many.
    /// </summary>
    public int Write(ReadOnlySpan<float> input, Span<float> output)
    {
        if (finished)
        {
            throw new InvalidOperationException("the stream was finished");
        }
        if (output.Length < MaxOutputLength(input.Length))
        {
            throw new ArgumentException($"output must hold {MaxOutputLength(input.Length)} samples", nameof(output));
        }
        if (bank is null)
        {
            input.CopyTo(output);
            InputLength += input.Length;
            emitted += input.Length;
            return input.Length;
        }
        int written = 0;
        while (!input.IsEmpty)
        {
            DropWhatNoFrameReads();
            int take = Math.Min(input.Length, history.Length - historyCount);
            input[..take].CopyTo(history.AsSpan(historyCount));
            historyCount += take;
            InputLength += take;
            input = input[take..];
            // Frame f is complete when it reads nothing at or past the input's end: f * orig' + MaxEnd <= length.
            long completeFrames = InputLength >= bank.MaxEnd ? (InputLength - bank.MaxEnd) / bank.Original + 1 : 0;
            long frames = Math.Min(completeFrames, resampler.OutputLength(InputLength) / bank.New);
            written += Emit(frames * bank.New - emitted, output[written..]);
        }
        return written;
    }

    /// <summary>Ends the stream: writes the outputs that read past its end (zero padding, as torchaudio pads), returns how many.</summary>
    public int Finish(Span<float> output)
    {
        if (finished)
        {
            return 0;
        }
        finished = true;
        if (bank is null)
        {
            return 0;
        }
        long remaining = resampler.OutputLength(InputLength) - emitted;
        if (output.Length < remaining)
        {
            throw new ArgumentException($"output must hold {remaining} samples", nameof(output));
        }
        return Emit(remaining, output);
    }

    private int Emit(long count, Span<float> output)
    {
        if (count <= 0)
        {
            return 0;
        }
        PolyphaseKernel.Compute(bank!, history.AsSpan(0, historyCount), historyStart, emitted / bank!.New, output[..(int)count]);
        emitted += count;
        return (int)count;
    }

    /// <summary>Shifts out the samples before the first one the next frame reads.</summary>
    private void DropWhatNoFrameReads()
    {
        long keepFrom = emitted / bank!.New * bank.Original + bank.MinOffset;
        int drop = (int)Math.Clamp(keepFrom - historyStart, 0, historyCount);
        if (drop == 0)
        {
            return;
        }
        history.AsSpan(drop, historyCount - drop).CopyTo(history);
        historyCount -= drop;
        historyStart += drop;
    }
}
