using Kws.Compiler.Checkpoints;
using Kws.Compiler.Pickle;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Export;

/// <summary>
/// The PyTorch engine a quantized checkpoint looks made for, and why. A state_dict does not record the engine, so this
/// is a guess from what the qconfig left in the weights: PyTorch 1.13's x86, fbgemm and onednn qconfigs quantize weights
/// per channel, qnnpack's per tensor (as does the backend-neutral default_qconfig, which this reads as qnnpack too).
/// Any per-channel weight means onednn. <c>kwsc export</c> takes the guess unless <c>--engine</c> says otherwise.
/// </summary>
public sealed record EngineGuess(QuantizedEngine Engine, string Reason)
{
    /// <summary>The guess for a checkpoint with int8 weights; null when it holds none (a float checkpoint).</summary>
    public static EngineGuess? Of(Checkpoint checkpoint)
    {
        List<TorchTensor> weights = checkpoint.Entries.SelectMany(e => Tensors(e.Value))
            .Where(t => t.DType == TorchDType.QInt8 && t.Quantization is not null).ToList();
        if (weights.Count == 0)
        {
            return null;
        }
        int perChannel = weights.Count(t => t.Quantization!.Scheme.IsPerChannel());
        return perChannel == 0
            ? new EngineGuess(QuantizedEngine.Qnnpack, $"all {weights.Count} int8 weight tensors are per-tensor, as the qnnpack qconfig makes them")
            : new EngineGuess(QuantizedEngine.Onednn, $"{perChannel} of {weights.Count} int8 weight tensors are per-channel, as the x86 (onednn) qconfig makes them");
    }

    /// <summary>One line for kwsc's output: "onednn (a guess: ...)".</summary>
    public string Describe() => $"{Engine.Name()} (a guess from the weights, which do not record the engine: {Reason})";

    /// <summary>A value's tensors, including those inside tuples and lists (Linear's packed parameters).</summary>
    private static IEnumerable<TorchTensor> Tensors(object? value) => value switch
    {
        TorchTensor tensor => [tensor],
        PickleTuple tuple => tuple.Items.SelectMany(Tensors),
        List<object?> list => list.SelectMany(Tensors),
        _ => [],
    };
}
