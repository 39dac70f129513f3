namespace Kws.Fuzz.Targets;

/// <summary>
/// Every fuzz target by name. A new reader joins here as one more <see cref="IFuzzTarget"/> class (with a corpus of the
/// same name); nothing else in the harness changes.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new CheckpointTarget(), new ConfigTarget(), new LabelsTarget(), new ManifestTarget(), new WavTarget(), new StreamTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
