using System;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Per-tensor affine quantization of an activation tensor (PyTorch quint8): real = scale * (q - zeroPoint),
    /// q in [0, 255].
    /// </summary>
    public sealed class ActivationQuantization : IEquatable<ActivationQuantization>
    {
        public ActivationQuantization(double scale, int zeroPoint)
        {
            Scale = scale;
            ZeroPoint = zeroPoint;
        }

        public double Scale { get; }
        public int ZeroPoint { get; }

        public bool Equals(ActivationQuantization? other) =>
            other is not null && Scale.Equals(other.Scale) && ZeroPoint == other.ZeroPoint;

        public override bool Equals(object? obj) => Equals(obj as ActivationQuantization);

        public override int GetHashCode() => Scale.GetHashCode() * 31 + ZeroPoint;

        public override string ToString() => $"scale={Scale:R}, zero_point={ZeroPoint}";
    }
}
