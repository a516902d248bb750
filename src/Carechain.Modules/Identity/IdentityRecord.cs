using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Identity;

/// <summary>
/// The on-chain record of a registered key: public facts only (a display name, never health data).
/// <see cref="Organisation"/> is set for a member an organisation admin registered, and null for a
/// self-registered key.
/// </summary>
public sealed record IdentityRecord(
    string DisplayName, string Role, KeyStatus Status, long RegisteredHeight, long ChangedHeight, Ed25519PublicKey? Successor,
    OrganisationId? Organisation = null)
{
    public const byte FormatVersion = 1;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(128);
        writer.Byte(FormatVersion).Text(DisplayName).Text(Role).Byte((byte)Status)
            .VarUInt((ulong)RegisteredHeight).VarUInt((ulong)ChangedHeight).Bool(Successor is not null);
        if (Successor is { } successor)
        {
            writer.Key(successor);
        }

        writer.Bool(Organisation is not null);
        if (Organisation is { } organisation)
        {
            writer.Text(organisation.Value);
        }

        return writer.ToArray();
    }

    public static IdentityRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("identity record", FormatVersion);
        var name = reader.Text(IdentityPayloads.MaxDisplayNameBytes, "display name");
        var role = reader.Text(32, "role");
        var statusAt = reader.Position;
        var status = reader.Byte() switch
        {
            0 => KeyStatus.Active,
            1 => KeyStatus.Rotated,
            2 => KeyStatus.Revoked,
            var other => throw new CodecException($"Unknown key status {other}", statusAt),
        };
        var registered = (long)reader.VarUInt(long.MaxValue, "registered height");
        var changed = (long)reader.VarUInt(long.MaxValue, "changed height");
        Ed25519PublicKey? successor = reader.Bool() ? reader.Key("successor") : null;
        OrganisationId? organisation = null;
        if (reader.Bool())
        {
            var at = reader.Position;
            var text = reader.Text(OrganisationId.MaxLength, "organisation");
            organisation = OrganisationId.TryParse(text, out var id) ? id : throw new CodecException($"'{text}' is not an organisation id", at);
        }

        reader.End("identity record");
        return new IdentityRecord(name, role, status, registered, changed, successor, organisation);
    }
}
