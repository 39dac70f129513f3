namespace Kws.Runtime.Evaluation;

/// <summary>An evaluation folder that cannot be used: missing, empty, or with sub-folders that are not the model's labels.</summary>
public sealed class EvaluationException : Exception
{
    public EvaluationException(string message) : base(message)
    {
    }
}
