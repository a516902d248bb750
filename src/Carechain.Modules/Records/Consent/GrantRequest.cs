using Carechain.Core.Codec;

namespace Carechain.Modules.Records.Consent;

/// <summary>
/// The payload of records/grant: the patient (the author) lets <see cref="Grantee"/> read what
/// <see cref="Scope"/> covers, for <see cref="Purpose"/>, until block time <see cref="ExpiresAtMs"/>.
/// The grant's id is the id of the transaction that made it.
/// </summary>
public sealed record GrantRequest(Grantee Grantee, ConsentScope Scope, string Purpose, long ExpiresAtMs)
{
    public const string Operation = "grant";

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(200);
        Grantee.WriteTo(writer);
        Scope.WriteTo(writer);
        return writer.Text(Purpose).VarUInt((ulong)ExpiresAtMs).ToArray();
    }

    public static GrantRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var grantee = Grantee.Read(ref reader);
        var scope = ConsentScope.Read(ref reader);
        var purpose = reader.Text(16, "purpose");
        var expires = (long)reader.VarUInt(long.MaxValue, "expiry");
        reader.End("grant payload");
        return new GrantRequest(grantee, scope, purpose, expires);
    }

    public string? Validate() => PurposeOfUse.IsKnown(Purpose) ? Scope.Validate() : RecordsErrors.InvalidPurpose;
}
