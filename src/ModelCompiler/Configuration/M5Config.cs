namespace Kws.Compiler.Configuration;

/// <summary>
/// The seed's YAML config as far as kwsc needs it: <c>model.base_cnn</c> (n_input, n_output, stride, n_channel,
/// conv_kernel_sizes) and the model's input format from <c>data</c> (new_sample_rate and input_length, 8000 and
/// 8000 when absent).
/// </summary>
public sealed record M5Config(
    string FileName, int NInput, int NOutput, int Stride, int NChannel, IReadOnlyList<int> ConvKernelSizes, int SampleRate, int InputLength)
{
    public const int DefaultSampleRate = 8000;
    public const int DefaultInputLength = 8000;
}
