using Carechain.Core.Keys;

namespace Carechain.Core.Tests.Keys;

public class KeystoreTamperTests
{
    [Theory]
    [InlineData("kdf.salt")]
    [InlineData("cipher.nonce")]
    [InlineData("cipher.ciphertext")]
    public void Every_single_byte_change_to_a_base64_field_is_refused(string path)
    {
        var original = Convert.FromBase64String(KeystoreSamples.Field(path));
        Assert.All(Enumerable.Range(0, original.Length), index =>
        {
            var bytes = Flip(original, index);
            Assert.False(KeystoreSamples.Opens(KeystoreSamples.With(path, Convert.ToBase64String(bytes))), $"byte {index} of {path}");
        });
    }

    [Fact]
    public void Every_single_byte_change_to_the_public_key_is_refused()
    {
        var original = KeystoreSamples.PublicKey.ToArray();
        Assert.All(Enumerable.Range(0, original.Length), index =>
        {
            var hex = Convert.ToHexStringLower(Flip(original, index));
            Assert.False(KeystoreSamples.Opens(KeystoreSamples.With("publicKey", hex)), $"byte {index} of publicKey");
        });
    }

    [Fact]
    public void Untouched_sample_still_opens() => Assert.True(KeystoreSamples.Opens(KeystoreSamples.Json));

    // A different bit per position, so every bit of a byte gets exercised somewhere in the field.
    private static byte[] Flip(byte[] original, int index)
    {
        var bytes = (byte[])original.Clone();
        bytes[index] ^= (byte)(1 << (index % 8));
        return bytes;
    }
}
