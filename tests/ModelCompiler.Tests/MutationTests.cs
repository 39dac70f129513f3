using System.Diagnostics;
using System.Text;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Configuration;
using Kws.Compiler.Diff;
using Kws.Compiler.Export;
using Kws.Compiler.Tests.Support;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests;

/// <summary>
/// Seeded random truncations, bit flips and byte insertions of real checkpoints and of the manifests exported from
/// them, through the whole read path (read, inspect listing and JSON, diff, recognise, export). Each case must succeed or fail with the path's one error type and a clear
/// one-line message: no other exception, no hang (per-case timeout), and the whole run well under a minute.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20261127;
    private const int CasesPerCheckpoint = 500;
    private const int CasesPerManifest = 300;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Checkpoint and config paths: the fixtures, and the trained models once they are committed.</summary>
    private static readonly (string Checkpoint, string Config)[] Sources =
    [
        .. new[] { "m5_fp32.pth", "m5_ptq.pth", "m5_per_tensor_ptq.pth", "m5_fp32_big_endian.pth", "views.pth" }
            .Select(f => (FixturePaths.Of(f), FixturePaths.Of("m5.yaml"))),
        (FixturePaths.Of("layerwise_q2.pth"), FixturePaths.Of("layerwise.yaml")),
        (FixturePaths.Of("modular_fp32.pth"), FixturePaths.Of("modular_fp32.yaml")),
        .. new[] { "fp32", "ptq", "qat" }
            .Select(k => (RepositoryPaths.Model($"cnn_{k}_model.pth"), RepositoryPaths.Model($"configs/cnn_{k}.yaml")))
            .Where(p => File.Exists(p.Item1)),
    ];

    private enum Mutation { Truncate, FlipBits, InsertByte }

    [Test]
    public void Mutated_checkpoints_never_crash_or_hang()
    {
        var random = new Random(Seed);
        var outcomes = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        foreach (var (path, configPath) in Sources)
        {
            string checkpoint = Path.GetFileName(path);
            byte[] original = File.ReadAllBytes(path);
            Checkpoint pristine = CheckpointReader.Read(original, checkpoint);
            M5Config config = M5ConfigReader.Read(configPath);
            for (int i = 0; i < CasesPerCheckpoint; i++)
            {
                (Mutation kind, byte[] mutated) = Mutate(original, random);
                string outcome = RunCase($"{checkpoint} case {i} ({kind})", () =>
                {
                    Checkpoint read = CheckpointReader.Read(mutated, checkpoint);
                    CheckpointListing.WriteText(read, TextWriter.Null);
                    CheckpointListing.WriteJson(read, Stream.Null);
                    CheckpointComparison.Compare(pristine, read);
                    LayerComparison.Compare(pristine, read, out _);
                    ManifestWriter.Write(ManifestExporter.Build(read, config, null, "Mutant", "kwsc test"));
                }, typeof(CheckpointException));
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        TestContext.Out.WriteLine($"{Sources.Length * CasesPerCheckpoint} checkpoint cases in {clock.Elapsed.TotalSeconds:F1} s: " +
            string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.That(outcomes.GetValueOrDefault("error"), Is.GreaterThan(0), "the mutations should break most files");
    }

    [Test]
    public void Mutated_manifests_never_crash_or_hang()
    {
        var random = new Random(Seed + 1);
        var outcomes = new Dictionary<string, int>();
        M5Config config = M5ConfigReader.Read(FixturePaths.Of("m5.yaml"));
        var manifests = new List<(string Name, byte[] Bytes)>();
        foreach (string checkpoint in new[] { "m5_fp32.pth", "m5_ptq.pth" })
        {
            string text = ManifestWriter.Write(ManifestExporter.Build(CheckpointReader.Read(FixturePaths.Of(checkpoint)), config, null, null, "kwsc test"));
            manifests.Add((checkpoint, Encoding.UTF8.GetBytes(text)));
        }
        manifests.AddRange(Directory.Exists(RepositoryPaths.Models)
            ? Directory.GetFiles(RepositoryPaths.Models, "cnn_*_model.kws.json").Order(StringComparer.Ordinal).Select(p => (Path.GetFileName(p), File.ReadAllBytes(p)))
            : []);
        foreach (var (checkpoint, original) in manifests)
        {
            for (int i = 0; i < CasesPerManifest; i++)
            {
                (Mutation kind, byte[] mutated) = Mutate(original, random);
                string outcome = RunCase($"{checkpoint} manifest case {i} ({kind})",
                    () => ManifestReader.Read(Encoding.UTF8.GetString(mutated)), typeof(ManifestException), typeof(ManifestValidationException));
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        TestContext.Out.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.That(outcomes.GetValueOrDefault("error"), Is.GreaterThan(0));
    }

    /// <summary>Runs one case with a timeout; returns "ok" or "error", and fails the test on anything else.</summary>
    private static string RunCase(string name, Action action, params Type[] allowedErrors)
    {
        Exception? failure = null;
        var task = Task.Run(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        if (!task.Wait(CaseTimeout))
        {
            Assert.Fail($"{name}: no result after {CaseTimeout.TotalSeconds} s (a hang)");
        }
        if (failure is null) return "ok";
        if (!allowedErrors.Contains(failure.GetType()))
        {
            Assert.Fail($"{name}: {failure.GetType().Name}: {failure}");
        }
        Assert.That(failure.Message, Is.Not.Empty.And.Not.Contains("\n").And.Not.Contains("Exception of type"), name);
        Assert.That(failure.Message, Has.Length.LessThan(600), name);
        return "error";
    }

    private static (Mutation, byte[]) Mutate(byte[] original, Random random)
    {
        var kind = (Mutation)random.Next(3);
        switch (kind)
        {
            case Mutation.Truncate:
                return (kind, original[..random.Next(original.Length)]);
            case Mutation.FlipBits:
                byte[] flipped = (byte[])original.Clone();
                for (int n = random.Next(1, 4); n > 0; n--) flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                return (kind, flipped);
            default:
                int at = random.Next(original.Length + 1);
                return (kind, [.. original[..at], (byte)random.Next(256), .. original[at..]]);
        }
    }
}
