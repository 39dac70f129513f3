using Kws.Compiler.Quantization.Conversion;
using Kws.Compiler.Quantization.Ranges;

namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>
/// The configurations <c>kwsc quantize --sweep</c> runs: PyTorch's x86 default, the seed's PTQ_calibration_test grid
/// (3 activation x 8 weight observers, full-range quint8 as its observers are built, in its order; the pairs PyTorch or
/// the engines refuse stay in the table with the reason), and kwsc's own range methods with and without MSE weights and
/// bias correction. <see cref="LayerWise"/> is the seed's one-block-at-a-time study of one recipe.
/// </summary>
public static class SweepGrid
{
    private static readonly ObserverSettings FullRange = new(QuantizedType.QUInt8, Symmetric: false);

    public static IReadOnlyList<SweepEntry> Observers()
    {
        var entries = new List<SweepEntry> { new(QuantizationRecipe.X86Default, SweepOrigin.X86Default) };
        ActivationRecipe[] seedActivations =
        [
            new(ActivationMethod.MinMax, FullRange),
            new(ActivationMethod.Histogram, FullRange),
            new(ActivationMethod.Histogram, FullRange with { Symmetric = true }),
        ];
        WeightRecipe[] seedWeights =
        [
            new(PerChannel: true, Symmetric: true),
            new(PerChannel: true, Symmetric: false),
            new(PerChannel: false, Symmetric: false),
            new(PerChannel: false, Symmetric: true),
            new(PerChannel: false, Symmetric: false, WeightRange.Histogram),
            new(PerChannel: false, Symmetric: true, WeightRange.Histogram),
            new(PerChannel: true, Symmetric: false, WeightRange.Histogram),
            new(PerChannel: true, Symmetric: true, WeightRange.Histogram),
        ];
        entries.AddRange(seedActivations.SelectMany(a => seedWeights.Select(w => new SweepEntry(new QuantizationRecipe(a, w), SweepOrigin.Seed))));

        ActivationRecipe[] kwscActivations =
        [
            new(ActivationMethod.Percentile, FullRange, 99.9),
            new(ActivationMethod.Percentile, FullRange, 99.99),
            new(ActivationMethod.Percentile, FullRange, 99.999),
            new(ActivationMethod.Mse, FullRange),
            new(ActivationMethod.Entropy, FullRange),
        ];
        WeightRecipe[] kwscWeights = [WeightRecipe.X86Default, WeightRecipe.X86Default with { Range = WeightRange.Mse }];
        foreach (ActivationRecipe a in kwscActivations)
        {
            foreach (WeightRecipe w in kwscWeights)
            {
                entries.Add(new SweepEntry(new QuantizationRecipe(a, w), SweepOrigin.Kwsc));
                entries.Add(new SweepEntry(new QuantizationRecipe(a, w, BiasCorrection: true), SweepOrigin.Kwsc));
            }
        }
        entries.Add(new SweepEntry(new QuantizationRecipe(new(ActivationMethod.MovingAverage, FullRange), WeightRecipe.X86Default), SweepOrigin.Kwsc));
        entries.Add(new SweepEntry(new QuantizationRecipe(new(ActivationMethod.Histogram, FullRange), WeightRecipe.X86Default, BiasCorrection: true), SweepOrigin.Kwsc));
        return entries;
    }

    /// <summary>The seed's layer-wise study: each block alone in int8, then all of them, with one recipe.</summary>
    public static IReadOnlyList<SweepEntry> LayerWise(QuantizationRecipe recipe, SweepOrigin origin, IReadOnlyList<string> blocks) =>
        [.. blocks.Select(b => new SweepEntry(recipe, origin, [b])), new SweepEntry(recipe, origin, blocks)];
}
