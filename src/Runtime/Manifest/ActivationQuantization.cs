using System;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Per-tensor affine quantization of an activation tensor (PyTorch quint8): real = scale * (q - zeroPoint),
    /// q in [0, 255].
    /// </summary>
    public sealed class ActivationQuantization : IEquatable<ActivationQuantization>
    {
        /// <summary>The quantization real = <paramref name="scale"/> * (q - <paramref name="zeroPoint"/>).</summary>
        public ActivationQuantization(double scale, int zeroPoint)
        {
            Scale = scale;
            ZeroPoint = zeroPoint;
        }

        /// <summary>Real value of one code step.</summary>
        public double Scale { get; }

        /// <summary>The code of real 0, in 0..255.</summary>
        public int ZeroPoint { get; }

        /// <summary>Same scale and zero point.</summary>
        public bool Equals(ActivationQuantization? other) =>
            other is not null && Scale.Equals(other.Scale) && ZeroPoint == other.ZeroPoint;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as ActivationQuantization);

        /// <inheritdoc/>
        public override int GetHashCode() => Scale.GetHashCode() * 31 + ZeroPoint;

        /// <inheritdoc/>
        public override string ToString() => $"scale={Scale:R}, zero_point={ZeroPoint}";
    }
}
