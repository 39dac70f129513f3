using System.Text;
using Kws.Compiler.Configuration;

namespace Kws.Fuzz.Targets;

/// <summary>YAML config bytes through what <c>--config</c> does: strict UTF-8, the shape check, YamlDotNet, the M5 keys.</summary>
public sealed class ConfigTarget() : TextFileTarget("config", "fuzz.yaml", M5ConfigReader.MaxConfigBytes, "a YAML config")
{
    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository) =>
    [
        .. RepositoryFiles.Matching(repository, "models/configs", "*.yaml"),
        .. RepositoryFiles.Matching(repository, "tests/ModelCompiler.Tests/Fixtures", "*.yaml"),
        .. RepositoryFiles.Matching(repository, "models/modular", "*.yaml"),
        ("deep.yaml", Encoding.UTF8.GetBytes("model: " + new string('[', 1000) + new string(']', 1000) + "\n")),
        ("deep-mapping.yaml", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i) + "k:\n")))),
        ("aliases.yaml", "a: &a [1, 1]\nb: &b [*a, *a]\nmodel: {base_cnn: *b}\n"u8.ToArray()),
        ("latin1.yaml", [(byte)'a', (byte)':', (byte)' ', 0xE9, (byte)'\n']),
        // What the first run found (FuzzFindingsTests): YamlDotNet refusing text without a YamlException.
        ("finding-global-tag.yaml", Convert.FromBase64String("ISErNg==")),
        ("finding-scanner.yaml", Convert.FromBase64String("Li4uCRw=")),
        ("finding-state.yaml", Convert.FromBase64String("Pw1bDT8BAA0=")),
        ("finding-event.yaml", Convert.FromBase64String("77u/bW9kZWw6CiA6ICBiYXNlX2NuMSwgMSwgMSwgMV19Cg==")),
        ("bom.yaml", [0xEF, 0xBB, 0xBF, .. "model:\n  base_cnn: {n_input: 1, n_output: 2, stride: 1, n_channel: 1, conv_kernel_sizes: [1, 1, 1, 1]}\n"u8]),
    ];

    protected override void Parse(string text, string fileName) => M5ConfigReader.Parse(text, fileName);
}
