using Kws.Runtime.Audio;

namespace Kws.Fuzz.Targets;

/// <summary>
/// WAV file bytes through what <c>kws &lt;file&gt;</c>, <c>kws eval</c> and <c>kwsc analyze</c> do: the bounded read of a
/// pipe (the bytes come through a stream that hands them over in odd pieces), the whole-file decode, and the front end
/// (locate, decode only what the model input needs, resample from the file's rate) for an 8 kHz and a 16 kHz model.
/// The front end's input must be the same whichever way the file was decoded. Bad input ends in
/// <see cref="WavFormatException"/>; anything else is a finding.
/// </summary>
public sealed class WavTarget : IFuzzTarget
{
    private static readonly (int Rate, int Length)[] Models = [(8000, 8000), (16000, 16000)];

    public string Name => "wav";

    public IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository) => AudioSeeds.All(repository);

    public void Run(byte[] input)
    {
        if (input.Length > WavReader.MaxFileBytes) return; // refused from its length before reading
        byte[] bytes = WavReader.ReadAllBytes(new PiecewiseStream(input));
        if (!bytes.AsSpan().SequenceEqual(input))
        {
            throw new InvalidOperationException("the bounded read of a pipe changed the bytes");
        }
        WavAudio audio = WavReader.Read(bytes);
        foreach (var (rate, length) in Models)
        {
            var frontEnd = new AudioFrontEnd(rate, length);
            var fromBytes = new float[length];
            frontEnd.Prepare(bytes, fromBytes);
            var fromSamples = new float[length];
            frontEnd.Prepare(audio, fromSamples);
            if (!fromBytes.AsSpan().SequenceEqual(fromSamples))
            {
                throw new InvalidOperationException($"the {rate} Hz model input differs between the partial decode and the whole file");
            }
        }
    }

    public bool IsReaderError(Exception e) => e is WavFormatException;
}
