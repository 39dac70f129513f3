using System.Globalization;
using Kws.Generator.Tests.Harness;
using Kws.Runtime;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests;

/// <summary>The generated classes compile without warnings, implement IKeywordModel and behave like models.</summary>
public class GeneratedCodeCompilesTests
{
    private static IEnumerable<ModelManifest> Models()
    {
        yield return TestModels.TinyInt8();
        yield return TestModels.TinyFloat();
        yield return TestModels.M5("M5Int8", int8: true, seed: 1);
        yield return TestModels.M5("M5Float", int8: false, seed: 2);
    }

    [Test]
    public void EveryModelCompilesWithoutWarningsAndInfersProbabilities()
    {
        var manifests = Models().Select(m => ($"/models/{m.Name}.kws.json", ManifestWriter.Write(m))).ToArray();
        GeneratorOutcome outcome = GeneratorHarness.Run(manifests);
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(outcome);
        foreach (ModelManifest manifest in Models())
        {
            IKeywordModel model = loaded.Create(manifest.Name);
            Assert.That(model.Name, Is.EqualTo(manifest.Name));
            Assert.That(model.Labels, Is.EqualTo(manifest.Labels));
            Assert.That(model.InputLength, Is.EqualTo(manifest.InputLength));
            Assert.That(model.SampleRate, Is.EqualTo(manifest.SampleRate));
            Assert.That(model.ScratchBytes, Is.GreaterThan(0));
            Assert.That(model.WeightBytes, Is.GreaterThan(0));
            var logProbs = new float[manifest.Labels.Count];
            model.Infer(TestModels.RandomSamples(new Random(3), manifest.InputLength), logProbs);
            double total = logProbs.Sum(p => Math.Exp(p));
            Assert.That(total, Is.EqualTo(1.0).Within(1e-4), manifest.Name);
        }
        Assert.That(loaded.CreateAll().Select(m => m.Name), Is.EqualTo(Models().Select(m => m.Name).Order(StringComparer.Ordinal)));
    }

    [Test]
    public void InferenceAllocatesNothing()
    {
        ModelManifest manifest = TestModels.M5("M5Alloc", int8: true, seed: 4);
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(("/m/a.kws.json", ManifestWriter.Write(manifest))));
        IKeywordModel model = loaded.Create("M5Alloc");
        float[] samples = TestModels.RandomSamples(new Random(5), manifest.InputLength);
        var logProbs = new float[manifest.Labels.Count];
        model.Infer(samples, logProbs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            model.Infer(samples, logProbs);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void WrongBufferSizesAreOneClearArgumentException()
    {
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(("/m/t.kws.json", ManifestWriter.Write(TestModels.TinyInt8()))));
        IKeywordModel model = loaded.Create("TinyInt8");
        Assert.Throws<ArgumentException>(() => model.Infer(new float[16], new float[3]));
        Assert.Throws<ArgumentException>(() => model.Infer(new float[17], new float[2]));
    }

    [Test]
    public void OutputIsTheSameUnderACultureWithAUnicodeMinusSign()
    {
        string text = ManifestWriter.Write(TestModels.M5("M5Culture", int8: true, seed: 6));
        string invariant = GeneratorHarness.Run(("/m/c.kws.json", text)).SourceOf("M5Culture.g.cs");
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            var hostile = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            hostile.NumberFormat.NegativeSign = "\u2212";
            hostile.NumberFormat.NumberDecimalSeparator = ",";
            hostile.NumberFormat.NumberGroupSeparator = "\u00a0";
            CultureInfo.CurrentCulture = hostile;
            string underHostile = GeneratorHarness.Run(("/m/c.kws.json", text)).SourceOf("M5Culture.g.cs");
            Assert.That(underHostile, Is.EqualTo(invariant));
            Assert.That(underHostile, Does.Not.Contain("\u2212"));
            Assert.That(underHostile, Does.Match(@"[ (]-[0-9]+\.[0-9]+f"), "negative float literals are written with an ASCII minus");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void WithoutUnsafeCodeTheModelStillCompilesWithoutSkipLocalsInit()
    {
        var compilation = GeneratorHarness.EmptyCompilation(allowUnsafe: false);
        GeneratorOutcome outcome = GeneratorHarness.Run([("/m/t.kws.json", ManifestWriter.Write(TestModels.TinyInt8()))], compilation);
        Assert.That(outcome.SourceOf("TinyInt8.g.cs"), Does.Not.Contain("SkipLocalsInit"));
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(outcome);
        Assert.That(loaded.Create("TinyInt8").Name, Is.EqualTo("TinyInt8"));
    }
}
