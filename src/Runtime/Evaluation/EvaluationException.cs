namespace Kws.Runtime.Evaluation;

/// <summary>An evaluation folder that cannot be used: missing, empty, or with sub-folders that are not the model's labels.</summary>
public sealed class EvaluationException : Exception
{
    /// <summary>A problem with the evaluation folder, described by <paramref name="message"/>.</summary>
    public EvaluationException(string message) : base(message)
    {
    }
}
