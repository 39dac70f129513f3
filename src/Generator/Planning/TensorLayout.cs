namespace Kws.Generator.Planning
{
    /// <summary>
    /// How generated code stores an activation: uint8 codes or floats, channels-last ([length][stride], channel fastest)
    /// so that a convolution window is contiguous. Stride is the channel count padded for whole vector stores; only the
    /// first <see cref="Channels"/> of each row are real.
    /// </summary>
    internal sealed record TensorLayout(bool IsFloat, int Channels, int Stride, int Length)
    {
        public string ElementType => IsFloat ? "float" : "byte";

        /// <summary>Elements the buffer must hold.</summary>
        public int Elements => Stride * Length;

        /// <summary>"uint8 [8][16] (3 real channels)": what a layer's header comment says it reads or writes.</summary>
        public override string ToString() =>
            $"{(IsFloat ? "float" : "uint8")} [{Length}][{Stride}]{(Stride != Channels ? $" ({Channels} real channels)" : "")}";
    }
}
