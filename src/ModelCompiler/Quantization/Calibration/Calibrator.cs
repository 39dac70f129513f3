using Kws.Compiler.Analysis;
using Kws.Compiler.Cli;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// Runs the calibration clips through the float model on the Runtime's interpreter and observes every tensor that gets
/// a quantizer (<see cref="ObservedTensor"/>). The first pass goes batch by batch in clip order, as PyTorch's
/// calibration loop does, so its observers see the same batches in the same order (the clips of a batch run on every
/// core; the observers then see them concatenated in clip order). A second pass, when asked for, fills kwsc's
/// histograms over the extremes the first one measured.
/// </summary>
public static class Calibrator
{
    /// <summary>The recipe's (and the seed's) calibration batch: 256 clips.</summary>
    public const int DefaultBatchSize = 256;

    /// <param name="workers">Cores to use (default: all); the result does not depend on it.</param>
    public static CalibrationStatistics Run(
        ModelManifest fp32, IReadOnlyList<AnalysisClip> clips, int batchSize = DefaultBatchSize, bool histograms = true, ProgressBar? progress = null,
        int? workers = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (fp32.Precision != ModelPrecision.Float32)
        {
            throw new ArgumentException("calibration runs the float model", nameof(fp32));
        }
        if (clips.Count == 0)
        {
            throw new CalibrationException("there are no calibration clips");
        }
        List<TensorStatistics> tensors = ObservedTensor.Of(fp32).Select(t => new TensorStatistics(t)).ToList();
        List<(int Layer, string Name, LayerInputMean Mean)> means = [];
        for (int i = 0; i < fp32.Layers.Count; i++)
        {
            if (LayerInputMean.For(fp32.Layers[i], fp32.Tensors[i]) is LayerInputMean mean)
            {
                means.Add((i, fp32.Layers[i].Name, mean));
            }
        }
        var pool = new WorkerPool<TracingModel>(() => new TracingModel(fp32), workers);
        var shared = new ConcurrentProgress(progress);
        shared.Start("calibrating", histograms ? 2 * clips.Count : clips.Count);
        for (int start = 0; start < clips.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, clips.Count - start);
            var traces = new IReadOnlyList<LayerOutput>[count];
            var clipSums = new double[count][][];
            var errors = new CalibrationException?[count];
            pool.For(count, (model, i) =>
            {
                AnalysisClip clip = clips[start + i];
                try
                {
                    traces[i] = model.Run(clip, tensors);
                    clipSums[i] = means.Select(m => m.Mean.ClipSums(m.Layer == 0 ? clip.Samples : traces[i][m.Layer - 1].Values)).ToArray();
                }
                catch (CalibrationException e)
                {
                    errors[i] = e;
                }
                shared.Advance();
            });
            // The first bad clip in clip order, whichever worker met it first.
            if (errors.FirstOrDefault(e => e is not null) is CalibrationException error)
            {
                throw error;
            }
            Parallel.ForEach(tensors, tensor => tensor.ObserveBatch(Concatenate(tensor.Tensor, clips, start, traces)));
            for (int i = 0; i < count; i++)
            {
                for (int m = 0; m < means.Count; m++)
                {
                    means[m].Mean.Add(clipSums[i][m]);
                }
            }
        }

        if (histograms)
        {
            FillHistograms(tensors, clips, pool, shared);
        }
        return new CalibrationStatistics(tensors, means.ToDictionary(m => m.Name, m => m.Mean), clips.Count);
    }

    /// <summary>kwsc's histograms, over each tensor's measured extremes, from a second run over the clips.</summary>
    private static void FillHistograms(List<TensorStatistics> tensors, IReadOnlyList<AnalysisClip> clips, WorkerPool<TracingModel> pool, ConcurrentProgress progress)
    {
        foreach (TensorStatistics tensor in tensors)
        {
            (float min, float max) = tensor.MinMax.TensorRange();
            tensor.Fine = new ActivationHistogram(min, max);
        }
        // Per worker histograms would do as well (integer counts add in any order); per chunk keeps memory bounded too.
        const int chunk = 64;
        int chunks = (clips.Count + chunk - 1) / chunk;
        var partial = new ActivationHistogram[chunks][];
        pool.For(chunks, (model, c) =>
        {
            partial[c] = tensors.Select(t => new ActivationHistogram(t.Fine!.Low, t.Fine.High)).ToArray();
            for (int i = c * chunk; i < Math.Min(clips.Count, (c + 1) * chunk); i++)
            {
                IReadOnlyList<LayerOutput> trace = model.Run(clips[i], tensors);
                for (int t = 0; t < tensors.Count; t++)
                {
                    partial[c][t].Add(Values(tensors[t].Tensor, clips[i], trace));
                }
                progress.Advance();
            }
        });
        foreach (ActivationHistogram[] part in partial)
        {
            for (int t = 0; t < tensors.Count; t++)
            {
                tensors[t].Fine!.Add(part[t]);
            }
        }
    }

    /// <summary>One tensor of a batch's clips, concatenated in clip order: the batch tensor PyTorch's observers see.</summary>
    private static float[] Concatenate(ObservedTensor tensor, IReadOnlyList<AnalysisClip> clips, int start, IReadOnlyList<LayerOutput>[] traces)
    {
        int length = Values(tensor, clips[start], traces[0]).Length;
        var batch = new float[traces.Length * length];
        for (int i = 0; i < traces.Length; i++)
        {
            Values(tensor, clips[start + i], traces[i]).CopyTo(batch, i * length);
        }
        return batch;
    }

    private static float[] Values(ObservedTensor tensor, AnalysisClip clip, IReadOnlyList<LayerOutput> trace) =>
        tensor.IsInput ? clip.Samples : trace[tensor.LayerIndex].Values;

    /// <summary>One worker's float model: runs a clip traced and refuses non-finite values, naming the clip and the tensor.</summary>
    private sealed class TracingModel(ModelManifest fp32)
    {
        private readonly InterpretedModel model = new(fp32);
        private readonly float[] logProbs = new float[fp32.Labels.Count];

        public IReadOnlyList<LayerOutput> Run(AnalysisClip clip, IReadOnlyList<TensorStatistics> tensors)
        {
            IReadOnlyList<LayerOutput> trace = model.InferTraced(clip.Samples, logProbs);
            foreach (TensorStatistics tensor in tensors)
            {
                float[] values = Values(tensor.Tensor, clip, trace);
                int bad = Array.FindIndex(values, v => !float.IsFinite(v));
                if (bad >= 0)
                {
                    string what = tensor.Tensor.IsInput ? "its input" : $"the float model's {tensor.Name} output";
                    throw new CalibrationException($"calibration clip {clip.File}: {what} holds {values[bad]} (value {bad}); calibration needs finite values");
                }
            }
            return trace;
        }
    }
}
