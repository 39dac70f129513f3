namespace Kws.Runtime.Tests.Parity;

/// <summary>How closely one layer's codes agree with PyTorch's int_repr() over all samples.</summary>
internal sealed class LayerAgreement
{
    public long Values { get; private set; }
    public long Identical { get; private set; }
    public int MaxDifference { get; private set; }

    public double IdenticalFraction => Values == 0 ? 0 : (double)Identical / Values;

    public void Add(byte[] ours, byte[] theirs)
    {
        Assert.That(ours, Has.Length.EqualTo(theirs.Length));
        for (int i = 0; i < ours.Length; i++)
        {
            int diff = Math.Abs(ours[i] - theirs[i]);
            Identical += diff == 0 ? 1 : 0;
            MaxDifference = Math.Max(MaxDifference, diff);
        }
        Values += ours.Length;
    }

    public override string ToString() => $"{Identical}/{Values} identical ({100 * IdenticalFraction:F4}%), max |difference| {MaxDifference}";
}
