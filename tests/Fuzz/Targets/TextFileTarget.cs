using Kws.Compiler.Checkpoints;
using Kws.Compiler.Files;

namespace Kws.Fuzz.Targets;

/// <summary>
/// A reader of a small text file: the bytes are decoded as the product decodes them (strict UTF-8 within the reader's
/// size limit, which <see cref="InputFile"/> enforces before reading), then parsed. Bad input ends in <see cref="CheckpointException"/>.
/// </summary>
public abstract class TextFileTarget(string name, string fileName, long maxBytes, string what) : IFuzzTarget
{
    public string Name => name;

    public abstract IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository);

    public void Run(byte[] input)
    {
        if (input.Length > maxBytes) return; // InputFile refuses it before it is read whole
        Parse(InputFile.DecodeUtf8(input, fileName, what), fileName);
    }

    public bool IsReaderError(Exception e) => e is CheckpointException;

    protected abstract void Parse(string text, string fileName);
}
