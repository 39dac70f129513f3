namespace Kws.Compiler.Checkpoints;

/// <summary>
/// The bytes one checkpoint may make kwsc allocate beyond the file itself: the storages it reads and the tensors it
/// gathers from them. A valid checkpoint needs about twice its size (each storage once, each tensor once); the budget
/// allows eight times plus a floor, so views, dtype changes and re-zipped (deflated) checkpoints fit, while a zip bomb
/// or a pickle claiming huge views is refused before the allocation.
/// </summary>
public sealed class MemoryBudget(long fileBytes, Func<string, CheckpointException> error)
{
    /// <summary>The budget is never larger than this, whatever the file's size.</summary>
    public const long MaxBytes = 2L << 30;

    /// <summary>The floor: small checkpoints may still expand this far (e.g. a deflated zero-filled storage).</summary>
    public const long FloorBytes = 128L << 20;

    public long Limit { get; } = Math.Min(MaxBytes, 8 * fileBytes + FloorBytes);

    public long Used { get; private set; }

    /// <summary>Counts <paramref name="bytes"/> against the budget, or refuses them naming <paramref name="what"/>.</summary>
    public void Reserve(long bytes, string what)
    {
        if (bytes < 0 || bytes > Limit - Used)
        {
            throw error($"{what} needs more memory than the {Limit}-byte limit for this checkpoint ({Used} bytes already used; see docs/limits.md)");
        }
        Used += bytes;
    }
}
