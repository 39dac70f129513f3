using System.Security.Cryptography;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Tests.Manifest;

/// <summary>The managed SHA-256 behind manifest hashes (no libssl on devices) agrees with the platform's.</summary>
public class Sha256Tests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(55)]
    [TestCase(56)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(119)]
    [TestCase(120)]
    [TestCase(100_000)]
    public void MatchesThePlatformImplementation(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        Assert.That(Sha256.Hash(data), Is.EqualTo(SHA256.HashData(data)));
    }

    [Test]
    public void KnownAnswerForAbc()
    {
        Assert.That(Convert.ToHexStringLower(Sha256.Hash("abc"u8.ToArray())),
            Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
}
