using Kws.Generator.Emit;

namespace Kws.Generator.Planning
{
    /// <summary>
    /// One manifest layer as the model class will hold it: its method name, the emitter that knows its code and tables,
    /// and the buffers it reads and writes (one of the model's scratch buffers, the samples or the log-probabilities).
    /// </summary>
    internal sealed record LayerPlan(int Index, string Method, LayerEmitter Emitter, string InputBuffer, string OutputBuffer);
}
