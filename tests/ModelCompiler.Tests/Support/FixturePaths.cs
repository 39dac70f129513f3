using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Support;

/// <summary>The committed checkpoints made by Fixtures/make_fixtures.py.</summary>
internal static class FixturePaths
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "ModelCompiler.Tests", "Fixtures");

    public static string Of(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>The M5 checkpoints with a keys.txt listing from PyTorch, and the config each goes with.</summary>
    public static IEnumerable<(string Checkpoint, string Config)> M5Checkpoints =>
    [
        ("m5_fp32.pth", "m5.yaml"),
        ("m5_ptq.pth", "m5.yaml"),
        ("m5_ptq_protocol4.pth", "m5.yaml"),
        ("m5_ptq_protocol5.pth", "m5.yaml"),
        ("m5_qat.pth", "m5.yaml"),
        ("m5_per_tensor_ptq.pth", "m5.yaml"),
        ("m5_small_fp32.pth", "m5_small.yaml"),
        ("m5_small_ptq.pth", "m5_small.yaml"),
    ];
}
