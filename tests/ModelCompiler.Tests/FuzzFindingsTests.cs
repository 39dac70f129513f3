using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;

namespace Kws.Compiler.Tests;

/// <summary>
/// What AFL++ found (docs/limits.md, Fuzzing), each input as the fuzzer wrote it: the reader must answer with its own
/// error, never another exception.
/// </summary>
public sealed class FuzzFindingsTests
{
    /// <summary>YamlDotNet refuses these with ArgumentException or InvalidOperationException instead of YamlException.</summary>
    [TestCase("ISErNg==", "Global tags must be valid URIs")]
    [TestCase("Li4uCRw=", "The scanner should contain no more tokens")]
    [TestCase("Pw1bDT8BAA0=", "Operation is not valid due to the current state of the object")]
    [TestCase("77u/bW9kZWw6CiA6ICBiYXNlX2NuMSwgMSwgMSwgMV19Cg==", "The current event is of an unsupported type")]
    public void Config_text_that_YamlDotNet_refuses_without_a_YamlException_is_not_valid_YAML(string base64, string yamlDotNetMessage)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"finding-{TestContext.CurrentContext.Test.ID}.yaml");
        File.WriteAllBytes(path, Convert.FromBase64String(base64));
        var e = Assert.Throws<CheckpointException>(() => M5ConfigReader.Read(path))!;
        Assert.That(e.Message, Does.StartWith(Path.GetFileName(path) + ": not valid YAML (").And.Contain(yamlDotNetMessage));
    }
}
