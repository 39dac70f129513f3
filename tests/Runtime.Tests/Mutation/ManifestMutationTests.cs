using System.Reflection;
using System.Text;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Tests.Interpretation;
using Kws.Runtime.Tests.Manifest;

namespace Kws.Runtime.Tests.Mutation;

/// <summary>
/// Thousands of corrupted manifests, at two levels: bytes of the text (mostly caught by the JSON parser and the
/// content hash), and single fields of the model re-written with a valid hash (caught by the validator, or run).
/// Either way the only exceptions allowed are the manifest's own; a model that is accepted must also run.
/// </summary>
public class ManifestMutationTests
{
    private static readonly ModelManifest[] Models = [ManifestRoundTripTests.TinyInt8Model(), HandModels.Int8(), HandModels.Float32(), RandomModels.Int8(3)];

    private static bool IsClearError(Exception e) => e is ManifestException or ManifestValidationException;

    private static void LoadAndRun(string text)
    {
        var model = new InterpretedModel(ManifestReader.Read(text));
        model.Infer(new float[model.InputLength], new float[model.Labels.Count]);
    }

    [Test]
    public void MutatedManifestTextGivesOnlyManifestErrors()
    {
        byte[][] texts = Models.Select(m => Encoding.UTF8.GetBytes(ManifestWriter.Write(m))).ToArray();
        MutationRun.Outcome outcome = MutationRun.Run(3000, seed: 11,
            random => ByteMutator.Mutate(texts[random.Next(3)], random),
            bytes => LoadAndRun(Encoding.UTF8.GetString(bytes)),
            IsClearError,
            TimeSpan.FromSeconds(120));

        Assert.That(outcome.Unexpected, Is.Empty);
        Assert.That(outcome.Rejected, Is.GreaterThan(2500));
        TestContext.Out.WriteLine($"manifest text: {outcome.Accepted} accepted, {outcome.Rejected} rejected in {outcome.Elapsed}");
    }

    [Test]
    public void ManifestsWithOneFieldChangedAndAValidHashGiveOnlyManifestErrorsOrRun()
    {
        MutationRun.Outcome outcome = MutationRun.Run(2500, seed: 12,
            random => Encoding.UTF8.GetBytes(ManifestWriter.Write(MutateField(Models[random.Next(Models.Length)], random))),
            bytes => LoadAndRun(Encoding.UTF8.GetString(bytes)),
            IsClearError,
            TimeSpan.FromSeconds(300));

        Assert.That(outcome.Unexpected, Is.Empty);
        Assert.That(outcome.Rejected, Is.GreaterThan(800));
        Assert.That(outcome.Accepted, Is.GreaterThan(100));
        TestContext.Out.WriteLine($"manifest fields: {outcome.Accepted} accepted, {outcome.Rejected} rejected in {outcome.Elapsed}");
    }

    private static readonly int[] InterestingInts = [-1, 0, 1, 2, 3, 255, 256, int.MaxValue, int.MinValue, 1 << 20];
    private static readonly double[] InterestingDoubles = [0, -1, 1e-40, 1e-300, 1e300, double.Epsilon, 0.5, 3.0];

    /// <summary>
    /// A fresh copy of <paramref name="original"/> (read back from its text) with one int, bool, double or array
    /// element of one layer, or one top-level field, overwritten through its backing field. Test-only reflection: the
    /// model types are immutable on purpose.
    /// </summary>
    private static ModelManifest MutateField(ModelManifest original, Random random)
    {
        ModelManifest copy = ManifestReader.Read(ManifestWriter.Write(original));
        object target = random.Next(8) == 0 ? copy : copy.Layers[random.Next(copy.Layers.Count)];
        if (target is WeightedLayerSpec weighted && random.Next(3) == 0)
        {
            object[] parts = [.. new object?[] { weighted.WeightQuantization, weighted.Input, weighted.Output }.Where(p => p is not null)!];
            target = parts.Length > 0 ? parts[random.Next(parts.Length)] : target;
        }
        else if (target is QuantizeLayer q && random.Next(2) == 0)
        {
            target = q.Output;
        }
        FieldInfo[] fields = AllFields(target.GetType())
            .Where(f => f.FieldType == typeof(int) || f.FieldType == typeof(bool) || f.FieldType == typeof(double) || f.FieldType.IsArray)
            .ToArray();
        if (fields.Length == 0)
        {
            return copy;
        }
        FieldInfo field = fields[random.Next(fields.Length)];
        object? value = field.GetValue(target);
        switch (value)
        {
            case int i:
                field.SetValue(target, random.Next(2) == 0 ? InterestingInts[random.Next(InterestingInts.Length)] : i + random.Next(-3, 4));
                break;
            case bool b:
                field.SetValue(target, !b);
                break;
            case double d:
                field.SetValue(target, random.Next(2) == 0 ? InterestingDoubles[random.Next(InterestingDoubles.Length)] : d * (random.NextDouble() * 4));
                break;
            case Array array when array.Length > 0:
                if (random.Next(4) == 0)
                {
                    var shorter = Array.CreateInstance(array.GetType().GetElementType()!, array.Length - 1);
                    Array.Copy(array, shorter, shorter.Length);
                    field.SetValue(target, shorter);
                }
                else
                {
                    int at = random.Next(array.Length);
                    array.SetValue(array.GetValue(at) switch
                    {
                        sbyte => (sbyte)random.Next(-128, 128),
                        float => new[] { 0f, -1e30f, 1e30f, 1e-30f, 1234.5f }[random.Next(5)],
                        double => InterestingDoubles[random.Next(InterestingDoubles.Length)],
                        int => InterestingInts[random.Next(InterestingInts.Length)],
                        var other => other,
                    }, at);
                }
                break;
        }
        return copy;
    }

    private static IEnumerable<FieldInfo> AllFields(Type? type)
    {
        for (; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (FieldInfo f in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            {
                yield return f;
            }
        }
    }
}
