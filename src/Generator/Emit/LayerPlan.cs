using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit
{
    /// <summary>One manifest layer as the emitter sees it: its method name and the tensors it reads and writes.</summary>
    internal sealed record LayerPlan(int Index, string Method, LayerSpec Layer, Tensor Input, Tensor Output);
}
