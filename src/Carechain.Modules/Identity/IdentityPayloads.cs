using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Identity;

/// <summary>Canonical payloads of the identity module's operations, for clients and the module alike.</summary>
public static class IdentityPayloads
{
    public const string Register = "register";
    public const string Rotate = "rotate";
    public const string Revoke = "revoke";
    public const string AddMember = "add-member";
    public const string RevokeMember = "revoke-member";
    public const int MaxDisplayNameBytes = 100;

    public static byte[] EncodeRegister(string displayName, string role) =>
        new CanonicalWriter(64).Text(displayName).Text(role).ToArray();

    public static (string DisplayName, string Role) DecodeRegister(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var name = reader.Text(MaxDisplayNameBytes, "display name");
        var role = reader.Text(32, "role");
        reader.End("register payload");
        return (name, role);
    }

    /// <summary>
    /// A rotation names the new key and carries the new key's signature over (chain, old key, new key),
    /// proving the holder of the old key also holds the new one.
    /// </summary>
    public static byte[] EncodeRotate(string chainId, Ed25519PublicKey oldKey, SigningKey newKey)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        var proof = newKey.Sign(DomainTag.KeyRotation, RotationMessage(chainId, oldKey, newKey.PublicKey));
        return new CanonicalWriter(100).Key(newKey.PublicKey).Signature(proof).ToArray();
    }

    public static (Ed25519PublicKey NewKey, Ed25519Signature Proof) DecodeRotate(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var key = reader.Key("new key");
        var proof = reader.Signature("rotation proof");
        reader.End("rotate payload");
        return (key, proof);
    }

    public static byte[] RotationMessage(string chainId, Ed25519PublicKey oldKey, Ed25519PublicKey newKey) =>
        new CanonicalWriter(80).Text(chainId).Key(oldKey).Key(newKey).ToArray();

    /// <summary>An admin of <paramref name="organisation"/> registers <paramref name="member"/> with a role in it.</summary>
    public static byte[] EncodeAddMember(Ed25519PublicKey member, string displayName, string role, OrganisationId organisation) =>
        new CanonicalWriter(128).Key(member).Text(displayName).Text(role).Text(organisation.Value).ToArray();

    public static (Ed25519PublicKey Member, string DisplayName, string Role, OrganisationId Organisation) DecodeAddMember(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var member = reader.Key("member key");
        var name = reader.Text(MaxDisplayNameBytes, "display name");
        var role = reader.Text(32, "role");
        var at = reader.Position;
        var text = reader.Text(OrganisationId.MaxLength, "organisation");
        reader.End("add-member payload");
        return OrganisationId.TryParse(text, out var organisation)
            ? (member, name, role, organisation)
            : throw new CodecException($"'{text}' is not an organisation id", at);
    }

    public static byte[] EncodeRevokeMember(Ed25519PublicKey member) => new CanonicalWriter(40).Key(member).ToArray();

    public static Ed25519PublicKey DecodeRevokeMember(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var member = reader.Key("member key");
        reader.End("revoke-member payload");
        return member;
    }
}
