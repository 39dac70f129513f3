namespace Kws.Compiler.Checkpoints;

/// <summary>
/// The one error kwsc raises for a checkpoint or config it cannot use: unsupported format, corrupt or truncated data,
/// a refused pickle global, a model it does not recognise. The message is a complete sentence for the user.
/// </summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string message) : base(message)
    {
    }

    public CheckpointException(string message, Exception inner) : base(message, inner)
    {
    }
}
