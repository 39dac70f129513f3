using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Runtime.Manifest;

namespace Kws.Fuzz.Targets;

/// <summary>
/// .pth bytes through what <c>kwsc inspect</c> and <c>kwsc export</c> do: the archive, the pickle and its allow-list,
/// the listing (text and JSON), recognition of the M5 family, the manifest build against each M5 config shape the
/// repository uses, and the manifest text. Bad input ends in <see cref="CheckpointException"/>.
/// </summary>
public sealed class CheckpointTarget : IFuzzTarget
{
    /// <summary>The model shapes of the committed configs (fixtures m5 and m5_small, models/configs).</summary>
    private static readonly M5Config[] Configs =
    [
        new("m5.yaml", 1, 35, 16, 8, [80, 3, 3, 3], 8000, 8000),
        new("m5_small.yaml", 1, 5, 8, 6, [40, 5, 3, 3], 8000, 4000),
        new("cnn_ptq.yaml", 1, 35, 16, 32, [80, 3, 3, 3], 8000, 8000),
    ];

    public string Name => "checkpoint";

    public IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository) =>
    [
        .. RepositoryFiles.Matching(repository, "models", "*.pth"),
        .. RepositoryFiles.Matching(repository, "models/modular", "*.pth"),
        .. RepositoryFiles.Matching(repository, "tests/ModelCompiler.Tests/Fixtures", "*.pth"),
        .. RepositoryFiles.Matching(repository, "tests/ModelCompiler.Tests/Fixtures", "*.pt"),
        ("zeros.bin", new byte[512]),
        ("legacy-head.bin", [0x80, 0x02, (byte)'}', (byte)'.']),
        ("bomb-pickle.pth", HostileArchives.Build(("archive/data.pkl", new HostileArchives.Zeros(8 << 20)))),
        ("bomb-storage.pth", HostileArchives.Build(("archive/data.pkl", HostilePickles.OneFloatOverStorage(40 << 20)), ("archive/data/0", new HostileArchives.Zeros(160 << 20)))),
        ("deep-tuples.pth", HostileArchives.Build(("archive/data.pkl", HostilePickles.DeepTuples(1000)))),
        ("memo-fan-out.pth", HostileArchives.Build(("archive/data.pkl", HostilePickles.MemoFanOut(levels: 4, width: 100)))),
    ];

    public void Run(byte[] input)
    {
        Checkpoint checkpoint = CheckpointReader.Read(input, "fuzz.pth");
        CheckpointListing.WriteText(checkpoint, TextWriter.Null);
        CheckpointListing.WriteJson(checkpoint, Stream.Null);
        foreach (M5Config config in Configs)
        {
            try
            {
                ManifestWriter.Write(ManifestExporter.Build(checkpoint, config, null, null, "kws-fuzz"));
            }
            catch (CheckpointException)
            {
                // The next config shape may fit where this one does not.
            }
        }
    }

    public bool IsReaderError(Exception e) => e is CheckpointException;
}
