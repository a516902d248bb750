using System.Text;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Node.Auth;

namespace Carechain.Node.Fhir.Everything;

/// <summary>
/// A custodian node's signature over its answer to a delegated <c>$everything</c> call (ADR 0010):
/// header <see cref="Header"/> = <c>NODEKEY.SIG</c>, where SIG is the node key's Ed25519 signature
/// under <see cref="DomainTag.CustodianAnswer"/> over SHA-256(token) ‖ SHA-256(body). It binds the
/// body to the one request it answers, so the gathering node knows the records came from a node of
/// the organisation the chain names as their custodian, however it found that node's URL.
/// </summary>
internal static class CustodianSignature
{
    public const string Header = "X-Carechain-Custodian-Signature";

    public static string Sign(SigningKey nodeKey, string token, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(nodeKey);
        return nodeKey.PublicKey + "." + UrlSafeBase64.Encode(nodeKey.Sign(DomainTag.CustodianAnswer, Message(token, body)).Bytes.Span);
    }

    /// <summary>The signing node key if <paramref name="header"/> is a valid signature by one of <paramref name="nodeKeys"/>; else null.</summary>
    public static Ed25519PublicKey? Verify(string? header, string token, ReadOnlySpan<byte> body, IReadOnlyCollection<Ed25519PublicKey> nodeKeys)
    {
        ArgumentNullException.ThrowIfNull(nodeKeys);
        var dot = header?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (header is null || dot < 0 || !Ed25519PublicKey.TryParse(header[..dot], out var signer) || !nodeKeys.Contains(signer)
            || !UrlSafeBase64.TryDecode(header[(dot + 1)..], out var bytes) || !Ed25519Signature.TryRead(bytes, out var signature))
        {
            return null;
        }

        return signer.Verify(DomainTag.CustodianAnswer, Message(token, body), signature) ? signer : null;
    }

    private static byte[] Message(string token, ReadOnlySpan<byte> body) =>
        [.. Hash256.Sha256(Encoding.ASCII.GetBytes(token)).ToArray(), .. Hash256.Sha256(body).ToArray()];
}
