using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Recognition;

namespace Kws.Compiler.Export;

/// <summary>
/// Checks a config against the model its checkpoint holds: model.base_cnn against the weights' shapes, model_type
/// against which part is int8, model.quantization against a layer-wise checkpoint's int8 block. A disagreement is one
/// error naming the config key, what it says and what the checkpoint's keys say.
/// </summary>
public static class ConfigAgreement
{
    public static void Check(M5Model model, M5Config config)
    {
        void Agree(string key, int configured, int fromWeights, string evidence)
        {
            if (configured != fromWeights)
            {
                throw Error(config, $"model.base_cnn.{key} is {configured} but the checkpoint's weights say {fromWeights} ({evidence})");
            }
        }
        Agree("n_input", config.NInput, model.InputChannels, $"{model.Convolutions[0].Module}.weight input channels");
        Agree("n_channel", config.NChannel, model.Convolutions[0].OutChannels, $"{model.Convolutions[0].Module}.weight output channels");
        Agree("n_output", config.NOutput, model.Classes, "fc1 output features");
        if (config.ConvKernelSizes.Count != model.Convolutions.Count)
        {
            throw Error(config, $"model.base_cnn.conv_kernel_sizes has {config.ConvKernelSizes.Count} entries but the checkpoint has {model.Convolutions.Count} convolutions");
        }
        for (int i = 0; i < model.Convolutions.Count; i++)
        {
            ConvStage conv = model.Convolutions[i];
            Agree($"conv_kernel_sizes[{i}]", config.ConvKernelSizes[i], conv.KernelSize, $"{conv.Module}.weight kernel size");
        }
        CheckModelType(model, config);
    }

    private static void CheckModelType(M5Model model, M5Config config)
    {
        if (config.ModelType is ModelType type && type.Scope != model.Scope)
        {
            throw Error(config, $"model_type is {type.Name} ({Expects(type.Scope)}) but the checkpoint is {model.Scope.Describe()}: {Evidence(model)}");
        }
        if (model.Scope == QuantizationScope.SingleBlock && config.QuantizedBlocks is { } blocks)
        {
            int block = model.Int8Blocks[0];
            if (!blocks.Contains(block))
            {
                throw Error(config, $"model.quantization lists blocks [{string.Join(", ", blocks)}] but the checkpoint's int8 block is {block} ({Evidence(model)})");
            }
        }
    }

    private static string Expects(QuantizationScope scope) => scope switch
    {
        QuantizationScope.None => "an FP32 checkpoint",
        QuantizationScope.WholeModel => "every layer int8",
        _ => "exactly one int8 block",
    };

    /// <summary>The keys that show what the checkpoint is.</summary>
    private static string Evidence(M5Model model)
    {
        ConvStage[] int8 = model.Convolutions.Where(c => c.Form.IsInt8()).ToArray();
        return model.Scope switch
        {
            QuantizationScope.None => $"{model.Convolutions[0].Module}.weight and fc1.weight are float32, and there is no quant stub",
            QuantizationScope.WholeModel => $"{string.Join(", ", int8.Select(c => c.Module + ".weight"))} and fc1._packed_params are qint8",
            _ => $"{int8[0].Module}.weight is qint8, the other blocks and fc1 float32",
        };
    }

    private static CheckpointException Error(M5Config config, string message) => new($"{config.FileName}: {message}");
}
