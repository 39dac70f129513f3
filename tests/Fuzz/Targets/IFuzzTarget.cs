namespace Kws.Fuzz.Targets;

/// <summary>
/// One input reader under fuzzing. <see cref="Run"/> reads an input as the product does; a bad input may only end in
/// the reader's own typed error (<see cref="IsReaderError"/>). Any other exception, a hang or a crash is a finding.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name that selects the target on the command line and names its corpus folder.</summary>
    string Name { get; }

    /// <summary>
    /// The seeds of the corpus: the repository's files of this kind (<paramref name="repository"/> is its root) and
    /// small versions of the hostile inputs of issue #19, by file name.
    /// </summary>
    IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository);

    void Run(byte[] input);

    bool IsReaderError(Exception e);
}
