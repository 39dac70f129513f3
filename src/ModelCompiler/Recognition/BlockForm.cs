namespace Kws.Compiler.Recognition;

/// <summary>What a state_dict holds for one Conv1d+BatchNorm+ReLU stage.</summary>
public enum BlockForm
{
    /// <summary>A float Conv1d and its BatchNorm1d, unfused (an FP32 checkpoint): kwsc folds the BatchNorm.</summary>
    FloatWithBatchNorm,

    /// <summary>
    /// A float ConvReLU1d after <c>fuse_modules</c> (keys <c>&lt;conv&gt;.0.weight/bias</c>): PyTorch already folded the
    /// BatchNorm; the float blocks of a layer-wise checkpoint.
    /// </summary>
    FloatFused,

    /// <summary>A QuantizedConvReLU1d: qint8 weights, float bias, output scale and zero point (BatchNorm folded).</summary>
    Int8,
}

public static class BlockForms
{
    public static bool IsInt8(this BlockForm form) => form == BlockForm.Int8;

    /// <summary>How inspect names the form.</summary>
    public static string Describe(this BlockForm form) => form switch
    {
        BlockForm.FloatWithBatchNorm => "float32 conv + BatchNorm, unfused (kwsc folds the BatchNorm)",
        BlockForm.FloatFused => "float32 ConvReLU1d, fused (BatchNorm folded by PyTorch)",
        _ => "int8 QuantizedConvReLU1d, fused (BatchNorm folded)",
    };
}
