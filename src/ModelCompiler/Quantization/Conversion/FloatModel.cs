using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Compiler.Recognition;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// The FP32 model <c>kwsc quantize</c> calibrates and quantizes: the manifest <c>kwsc export</c> writes for the checkpoint
/// (same recognition, shapes and checks), except that every BatchNorm is folded as PyTorch's <c>fuse_modules</c> folds it
/// (<see cref="ConvBatchNormFusion"/>, float32 steps) rather than export's double-precision fold, so the weights the
/// observers see and the codes they become are PyTorch's bit for bit.
/// </summary>
public static class FloatModel
{
    public static ModelManifest FromCheckpoint(Checkpoint checkpoint, M5Config config, IReadOnlyList<string>? labels, string? name, string compiler)
    {
        ModelManifest exported = ManifestExporter.Build(checkpoint, config, labels, name, compiler);
        if (exported.Precision != ModelPrecision.Float32)
        {
            throw new CheckpointException(
                $"{checkpoint.FileName} is already quantized ({exported.Source.Kind}); kwsc quantize needs the FP32 checkpoint it was made from");
        }
        List<LayerSpec> layers = exported.Layers.Select(layer => layer is Conv1dLayer conv ? Refold(conv, checkpoint) : layer).ToList();
        return new ModelManifest(exported.Name, exported.Source, exported.Compiler, exported.Labels, exported.SampleRate, exported.InputLength, layers);
    }

    /// <summary>
    /// The convolution with its BatchNorm folded in float32 from the checkpoint's own tensors: convN with bnN in the M5
    /// layout, blockN.block.0 with blockN.block.1 in the modular one (the manifest names stage N's convolution convN in both).
    /// </summary>
    private static Conv1dLayer Refold(Conv1dLayer conv, Checkpoint checkpoint)
    {
        CheckpointLayout layout = CheckpointLayouts.Of(checkpoint.Entries.Select(e => e.Key));
        int stage = int.Parse(conv.Name["conv".Length..], System.Globalization.CultureInfo.InvariantCulture);
        string convolution = layout.Convolution(stage), batchNorm = layout.BatchNorm(stage);
        float[] Floats(string key) => checkpoint.Tensor(key).ToFloats();
        float[] bias = checkpoint.Contains(convolution + ".bias") ? Floats(convolution + ".bias") : [];
        (float[] weights, float[] foldedBias) = ConvBatchNormFusion.Fuse(
            Floats(convolution + ".weight"), bias, Floats(batchNorm + ".running_mean"), Floats(batchNorm + ".running_var"),
            Floats(batchNorm + ".weight"), Floats(batchNorm + ".bias"));
        return new Conv1dLayer(conv.Name, conv.InChannels, conv.OutChannels, conv.KernelSize, conv.Stride, conv.InputLength,
            conv.OutputLength, conv.Relu, foldedBias, weights, null, null, null, null);
    }
}
