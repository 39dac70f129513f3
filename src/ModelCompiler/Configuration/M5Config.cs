namespace Kws.Compiler.Configuration;

/// <summary>
/// The seed's YAML config as far as kwsc needs it: <c>model.base_cnn</c> (n_input, n_output, stride, n_channel,
/// conv_kernel_sizes), the model's input format from <c>data</c> (new_sample_rate and input_length, 8000 and 8000 when
/// absent), and where present <c>model_type</c> and <c>model.quantization</c> (the blocks a layer-wise config made
/// checkpoints for), which the checkpoint must agree with.
/// </summary>
public sealed record M5Config(
    string FileName, int NInput, int NOutput, int Stride, int NChannel, IReadOnlyList<int> ConvKernelSizes, int SampleRate, int InputLength)
{
    public const int DefaultSampleRate = 8000;
    public const int DefaultInputLength = 8000;

    /// <summary>The config's model_type; null when it has none (this project's own configs).</summary>
    public ModelType? ModelType { get; init; }

    /// <summary>model.quantization: the 1-based blocks a layer-wise config quantizes one at a time; null when absent.</summary>
    public IReadOnlyList<int>? QuantizedBlocks { get; init; }
}
