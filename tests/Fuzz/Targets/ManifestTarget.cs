using System.Text;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Fuzz.Targets;

/// <summary>
/// *.kws.json bytes through what <c>kws --manifest</c> does: strict UTF-8, the JSON parser, every layer type's reader,
/// the content hash, the validator, then the interpreter built on the manifest and one inference. An edited manifest
/// fails its content hash before the validator sees it, so a text refused only for its hash is read once more without
/// that check (the fuzzer's way past a SHA-256): every mutation reaches the validator. A manifest that validates must
/// also run, describe its layers and write itself back to text that reads again. Bad input ends in
/// <see cref="ManifestException"/>; anything else is a finding.
/// </summary>
public sealed class ManifestTarget : IFuzzTarget
{
    /// <summary>Inferences costlier than this are not run (a valid model may be slow; that is not the reader's to bound).</summary>
    private const long MaxMacsPerRun = 5_000_000;

    public string Name => "manifest";

    /// <summary>
    /// Tiny manifests of every layer type and the hostile ones, not the committed models: their 46-144 KB of base64
    /// slow every mutation and would make the minimised corpus megabytes (a first run's was 1.3 MB compressed) for
    /// no path the tiny ones miss.
    /// </summary>
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository) => HostileManifests.All();

    public void Run(byte[] input)
    {
        if (input.Length > ManifestReader.MaxBytes) return; // kws refuses it from its length before reading
        string text = ManifestReader.Decode(input);
        ModelManifest manifest;
        try
        {
            manifest = ManifestReader.Read(text);
        }
        catch (ManifestException e) when (e.Problem == ManifestProblem.ContentHashMismatch)
        {
            manifest = ManifestReader.Read(text, verifyContentHash: false);
        }
        Exercise(manifest);
    }

    public bool IsReaderError(Exception e) => e is ManifestException;

    /// <summary>What kws does with a manifest it accepted; any exception here is a finding.</summary>
    private static void Exercise(ModelManifest manifest)
    {
        var model = new InterpretedModel(manifest);
        long macs = manifest.Layers.Sum(l => l.MacCount);
        if (macs <= MaxMacsPerRun)
        {
            var input = new float[model.InputLength];
            for (int i = 0; i < input.Length; i++) input[i] = (i % 7 - 3) / 4f;
            model.Infer(input, new float[model.Labels.Count]);
        }
        foreach (LayerSpec layer in manifest.Layers) _ = layer.Describe();
        string written = ManifestWriter.Write(manifest);
        try
        {
            if (ManifestWriter.Write(ManifestReader.Read(ManifestReader.Decode(Encoding.UTF8.GetBytes(written)))) != written)
            {
                throw new InvalidOperationException("a manifest that validated does not write back to the same text");
            }
        }
        catch (ManifestException e)
        {
            throw new InvalidOperationException($"a manifest that validated writes text that does not read back: {e.Message}", e);
        }
    }
}
