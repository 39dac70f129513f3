using System.Text.RegularExpressions;

namespace Kws.Compiler.Diff;

/// <summary>
/// The M5's own name for a state_dict key of either layout, so that two checkpoints are compared tensor by tensor
/// whatever their module names: block{i}.block.0.* and a fused block{i}.block.0.0.* are conv{i}.*, block{i}.block.1.*
/// is bn{i}.*, and a fused conv{i}.0.* is conv{i}.*. Any other key is its own name.
/// </summary>
public static partial class KeyMapping
{
    public const string Description = "block{i}.block.0.* (fused: block{i}.block.0.0.*) = conv{i}.*, block{i}.block.1.* = bn{i}.*";

    public static string Canonical(string key)
    {
        Match m = ModularKey().Match(key);
        if (m.Success)
        {
            string module = m.Groups["part"].Value == "1" ? "bn" : "conv";
            return $"{module}{m.Groups["stage"].Value}.{m.Groups["rest"].Value}";
        }
        m = FusedM5Key().Match(key);
        return m.Success ? $"conv{m.Groups["stage"].Value}.{m.Groups["rest"].Value}" : key;
    }

    /// <summary>block2.block.0.weight -> block2.block.0, conv2.0.bias -> conv2.0: the key without its last name.</summary>
    public static string Module(string key) => key.Contains('.', StringComparison.Ordinal) ? key[..key.LastIndexOf('.')] : key;

    [GeneratedRegex(@"^block(?<stage>[0-9]+)\.block\.(?<part>[01])(\.0)?\.(?<rest>[A-Za-z_]+)$")]
    private static partial Regex ModularKey();

    [GeneratedRegex(@"^conv(?<stage>[0-9]+)\.0\.(?<rest>[A-Za-z_]+)$")]
    private static partial Regex FusedM5Key();
}
