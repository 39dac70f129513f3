using Kws.Compiler.Analysis;
using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Cli;
using Kws.Compiler.Quantization.Calibration;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>
/// Runs quantized (int8 or mixed) models next to their float model over a set of clips on the Runtime's interpreter,
/// every core busy, and scores each (<see cref="ModelEvaluation"/>). The clips are cut into fixed runs whose scores
/// are added in clip order, so the figures do not depend on the number of cores.
/// </summary>
public sealed class ModelEvaluator
{
    private const int RunLength = 16;

    private readonly ModelManifest fp32;
    private readonly IReadOnlyList<AnalysisClip> clips;
    private readonly int[] labels;
    private readonly HashSet<string> comparedTensors;
    private readonly int? workers;

    /// <param name="workers">Cores to use (default: all); the scores do not depend on it.</param>
    public ModelEvaluator(ModelManifest fp32, IReadOnlyList<AnalysisClip> clips, int? workers = null)
    {
        this.workers = workers;
        if (clips.Count == 0)
        {
            throw new CalibrationException("there are no clips to evaluate on");
        }
        this.fp32 = fp32;
        this.clips = clips;
        Dictionary<string, int> index = fp32.Labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        labels = clips.Select(c => c.Label is not null && index.TryGetValue(c.Label, out int i) ? i : -1).ToArray();
        comparedTensors = ObservedTensor.Of(fp32).Select(t => t.Name).ToHashSet();
    }

    /// <summary>Clips whose folder names one of the model's labels.</summary>
    public int Labelled => labels.Count(l => l >= 0);

    public int Clips => clips.Count;

    /// <summary>
    /// Scores every model; with <paramref name="traceLayers"/> also the SQNR of every quantized tensor (the input's
    /// quantize step and each weighted layer's output) against the float model's.
    /// </summary>
    public IReadOnlyList<ModelEvaluation> Evaluate(IReadOnlyList<ModelManifest> models, bool traceLayers = true, ProgressBar? progress = null)
    {
        int runs = (clips.Count + RunLength - 1) / RunLength;
        var partial = new ModelScore[runs][];
        var shared = new ConcurrentProgress(progress);
        shared.Start($"evaluating {models.Count} model{(models.Count == 1 ? "" : "s")}", clips.Count);
        var pool = new WorkerPool<Worker>(() => new Worker(this, models), workers);
        pool.For(runs, (worker, run) =>
        {
            int end = Math.Min(clips.Count, (run + 1) * RunLength);
            partial[run] = worker.Score(run * RunLength, end, traceLayers);
            shared.Advance(end - run * RunLength);
        });
        var totals = models.Select(_ => new ModelScore()).ToArray();
        foreach (ModelScore[] run in partial)
        {
            for (int m = 0; m < totals.Length; m++)
            {
                totals[m].Add(run[m]);
            }
        }
        return totals.Select(t => t.Result()).ToList();
    }

    /// <summary>One core's interpreters: the float model and every model under evaluation, with their buffers.</summary>
    private sealed class Worker(ModelEvaluator owner, IReadOnlyList<ModelManifest> manifests)
    {
        private readonly InterpretedModel reference = new(owner.fp32);
        private readonly InterpretedModel[] models = manifests.Select(m => new InterpretedModel(m)).ToArray();
        private readonly IReadOnlyDictionary<string, ActivationQuantization>[] quantizers = manifests.Select(QuantizedTensors.Of).ToArray();
        // The step that quantizes the model input; a mixed model whose first block is float has none.
        private readonly string?[] inputSteps = manifests.Select(m => m.Layers[0] is QuantizeLayer q ? q.Name : null).ToArray();
        private readonly float[] floatLogProbs = new float[owner.fp32.Labels.Count];
        private readonly float[] dequantized = new float[owner.fp32.Tensors.Max(t => t.Elements)];
        private readonly float[] logProbs = new float[owner.fp32.Labels.Count];

        public ModelScore[] Score(int start, int end, bool traceLayers)
        {
            var scores = models.Select(_ => new ModelScore()).ToArray();
            for (int i = start; i < end; i++)
            {
                AnalysisClip clip = owner.clips[i];
                Dictionary<string, float[]>? floatTensors = null;
                if (traceLayers)
                {
                    floatTensors = reference.InferTraced(clip.Samples, floatLogProbs)
                        .Where(o => owner.comparedTensors.Contains(o.Name)).ToDictionary(o => o.Name, o => o.Values);
                }
                else
                {
                    reference.Infer(clip.Samples, floatLogProbs);
                }
                for (int m = 0; m < models.Length; m++)
                {
                    if (floatTensors is null)
                    {
                        models[m].Infer(clip.Samples, logProbs);
                    }
                    else
                    {
                        CompareLayers(m, models[m].InferTraced(clip.Samples, logProbs), clip.Samples, floatTensors, scores[m]);
                    }
                    scores[m].AddOutput(logProbs, floatLogProbs, owner.labels[i]);
                }
            }
            return scores;
        }

        /// <summary>
        /// The model input as the model sees it (its quantize step dequantized, or the input itself when the first block
        /// is float), then every weighted layer's output, dequantized where it is int8.
        /// </summary>
        private void CompareLayers(int model, IReadOnlyList<LayerOutput> trace, float[] input, Dictionary<string, float[]> floatTensors, ModelScore score)
        {
            score.AddLayer(ObservedTensor.InputName, inputSteps[model] is null ? input : Values(model, trace[0]), input);
            foreach (LayerOutput output in trace)
            {
                if (output.Name != inputSteps[model] && floatTensors.TryGetValue(output.Name, out float[]? reference))
                {
                    score.AddLayer(output.Name, Values(model, output), reference);
                }
            }
        }

        /// <summary>A traced output as values: floats as they are, codes dequantized into this worker's scratch (valid until the next call).</summary>
        private ReadOnlySpan<float> Values(int model, LayerOutput output)
        {
            if (output.Kind == TensorKind.Float)
            {
                return output.Values;
            }
            ActivationQuantization q = quantizers[model][output.Name];
            Span<float> values = dequantized.AsSpan(0, output.Codes.Length);
            DequantizeKernel.Run(output.Codes, (float)q.Scale, q.ZeroPoint, values);
            return values;
        }
    }
}
