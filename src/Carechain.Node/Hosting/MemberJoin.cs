using System.Net;
using Carechain.Client.Contracts;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Node.Hosting;

/// <summary>
/// A member's signed request to be added to the Raft cluster: "node key K runs member <see cref="Id"/>
/// with its API at <see cref="ApiUrl"/> and Raft at <see cref="RaftEndPoint"/> on chain C". The leader
/// adds the endpoint only when the signature holds and K is a node key in force.
/// </summary>
internal sealed record MemberJoin(string Id, Uri ApiUrl, IPEndPoint RaftEndPoint, Ed25519PublicKey NodeKey, Ed25519Signature Signature)
{
    public static MemberJoin Sign(string chainId, ConsortiumMember member, SigningKey key) =>
        new(member.Id, member.ApiUrl, member.RaftEndPoint, key.PublicKey, key.Sign(DomainTag.MemberJoin, Message(chainId, member.Id, member.ApiUrl, member.RaftEndPoint, key.PublicKey)));

    public bool HasValidSignature(string chainId) => NodeKey.Verify(DomainTag.MemberJoin, Message(chainId, Id, ApiUrl, RaftEndPoint, NodeKey), Signature);

    public MemberJoinDto ToDto() => new(Id, ApiUrl.ToString(), RaftEndPoint.ToString(), NodeKey.ToString(), Signature.ToString());

    /// <summary>Reads a request as sent; null with a reason when a field does not parse.</summary>
    public static MemberJoin? TryParse(MemberJoinDto dto, out string error)
    {
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(dto.Id) || dto.Id.Length > 64)
        {
            error = "id is 1 to 64 characters";
        }
        else if (!Uri.TryCreate(dto.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            error = "url is not an http(s) URL";
        }
        else if (!IPEndPoint.TryParse(dto.Raft ?? string.Empty, out var raft) || raft.Port == 0)
        {
            error = "raft is not an address:port";
        }
        else if (!Ed25519PublicKey.TryParse(dto.NodeKey, out var key))
        {
            error = "nodeKey is not a public key";
        }
        else if (!Ed25519Signature.TryParse(dto.Signature, out var signature))
        {
            error = "signature is not a signature";
        }
        else
        {
            return new MemberJoin(dto.Id, url, raft, key, signature);
        }

        return null;
    }

    private static byte[] Message(string chainId, string id, Uri apiUrl, IPEndPoint raft, Ed25519PublicKey key) =>
        new CanonicalWriter(256).Text(chainId).Text(id).Text(apiUrl.ToString()).Text(raft.ToString()).Key(key).ToArray();
}
