using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Consent;

/// <summary>
/// A patient's consent on the chain. It allows reads while it is neither revoked nor past its
/// expiry (block time); revocation is a later fact recorded beside it, never a rewrite of it.
/// </summary>
public sealed record ConsentGrant(
    Hash256 GrantId, Ed25519PublicKey Patient, Grantee Grantee, ConsentScope Scope, string Purpose, long ExpiresAtMs,
    long Height, long TimestampMs, long? RevokedHeight, long? RevokedAtMs)
{
    public const byte FormatVersion = 1;

    public bool IsRevoked => RevokedHeight is not null;

    /// <summary>Whether the grant allows a read at block time <paramref name="nowMs"/>.</summary>
    public bool IsLiveAt(long nowMs) => !IsRevoked && nowMs < ExpiresAtMs;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(256).Byte(FormatVersion).Hash(GrantId).Key(Patient);
        Grantee.WriteTo(writer);
        Scope.WriteTo(writer);
        writer.Text(Purpose).VarUInt((ulong)ExpiresAtMs).VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).Bool(IsRevoked);
        if (RevokedHeight is { } height)
        {
            writer.VarUInt((ulong)height).VarUInt((ulong)RevokedAtMs!.Value);
        }

        return writer.ToArray();
    }

    public static ConsentGrant Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("consent grant", FormatVersion);
        var id = reader.Hash("grant id");
        var patient = reader.Key("patient");
        var grantee = Grantee.Read(ref reader);
        var scope = ConsentScope.Read(ref reader);
        var purpose = reader.Text(16, "purpose");
        var expires = (long)reader.VarUInt(long.MaxValue, "expiry");
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        var timestamp = (long)reader.VarUInt(long.MaxValue, "timestamp");
        long? revokedHeight = null;
        long? revokedAt = null;
        if (reader.Bool())
        {
            revokedHeight = (long)reader.VarUInt(long.MaxValue, "revoked height");
            revokedAt = (long)reader.VarUInt(long.MaxValue, "revoked at");
        }

        reader.End("consent grant");
        return new ConsentGrant(id, patient, grantee, scope, purpose, expires, height, timestamp, revokedHeight, revokedAt);
    }
}
