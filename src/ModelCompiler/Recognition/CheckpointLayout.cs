namespace Kws.Compiler.Recognition;

/// <summary>
/// How a state_dict names the M5's modules. The seed notebook's M5 (<c>conv1</c>, <c>bn1</c>, ..., <c>fc1</c>), or the
/// seed repository's modular classes (M5Modular, PTQM5Modular, the layer-wise ones), which wrap each stage as
/// <c>blockN.block = Sequential(conv, bn, relu, pool)</c>. Both hold the same network.
/// </summary>
public enum CheckpointLayout
{
    M5,
    Modular,
}

/// <summary>The module names of each layout: where stage <c>i</c>'s convolution and BatchNorm live.</summary>
public static class CheckpointLayouts
{
    /// <summary>The layout a state_dict's keys use: modular when it has any <c>blockN.</c> key.</summary>
    public static CheckpointLayout Of(IEnumerable<string> keys) =>
        keys.Any(k => k.StartsWith("block", StringComparison.Ordinal)) ? CheckpointLayout.Modular : CheckpointLayout.M5;

    /// <summary>conv2 or block2.block.0: the convolution of stage <paramref name="stage"/> (1-based).</summary>
    public static string Convolution(this CheckpointLayout layout, int stage) =>
        layout == CheckpointLayout.Modular ? $"block{stage}.block.0" : $"conv{stage}";

    /// <summary>bn2 or block2.block.1: the BatchNorm1d of stage <paramref name="stage"/>.</summary>
    public static string BatchNorm(this CheckpointLayout layout, int stage) =>
        layout == CheckpointLayout.Modular ? $"block{stage}.block.1" : $"bn{stage}";

    /// <summary>"conv1..conv4, bn1..bn4" or "block1..block4 (block{i}.block.{0,1})", for messages.</summary>
    public static string Describe(this CheckpointLayout layout) => layout == CheckpointLayout.Modular
        ? "modular layout (M5Modular: block{i}.block = conv, bn, relu, pool)"
        : "M5 layout (conv{i}, bn{i}, fc1)";
}
