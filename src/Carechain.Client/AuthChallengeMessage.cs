using System.Text;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Client;

/// <summary>
/// The bytes a key signs to prove itself to a node: canonical (chain id, public key, challenge),
/// signed under the <see cref="DomainTag.AuthChallenge"/> tag, so a challenge signature can never
/// pass for a transaction or any other signed object, nor for another chain or key.
/// </summary>
public static class AuthChallengeMessage
{
    public const int MaxChallengeLength = 128;

    public static byte[] Build(string chainId, Ed25519PublicKey key, string challenge)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(challenge);
        return new CanonicalWriter(64 + Encoding.UTF8.GetByteCount(chainId) + challenge.Length).Text(chainId).Key(key).Text(challenge).ToArray();
    }

    public static Ed25519Signature Sign(SigningKey key, string chainId, string challenge)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(DomainTag.AuthChallenge, Build(chainId, key.PublicKey, challenge));
    }
}
