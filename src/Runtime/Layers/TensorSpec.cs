using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// An activation between two layers: [<see cref="Channels"/>][<see cref="Length"/>], row-major, batch 1; float32
    /// values, or uint8 codes when <see cref="Quantization"/> is set (real = scale * (q - zeroPoint)).
    /// </summary>
    public sealed record TensorSpec(int Channels, int Length, ActivationQuantization? Quantization)
    {
        /// <summary>The model's input: one channel of float samples.</summary>
        public static TensorSpec FloatInput(int length) => new TensorSpec(1, length, null);

        /// <summary>Whether the activation holds uint8 codes.</summary>
        public bool IsQuantized => Quantization is not null;

        /// <summary>Values in the activation: channels x length.</summary>
        public long Elements => (long)Channels * Length;

        /// <summary>"float [32 x 496]" or "uint8 [32 x 496]".</summary>
        public override string ToString() => $"{(IsQuantized ? "uint8" : "float")} [{Channels} x {Length}]";
    }
}
