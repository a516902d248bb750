using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Records.BreakGlass;

/// <summary>
/// An emergency access on the chain: who broke the glass for which patient, why, from when until
/// when (block time). Every break-glass is flagged for review from the moment it is made, and the
/// patient sees it in their access list.
/// </summary>
public sealed record BreakGlassRecord(
    Hash256 Id, Ed25519PublicKey Patient, Ed25519PublicKey Requester, OrganisationId Organisation, string ReasonCode, string ReasonText,
    long StartMs, long EndMs, long Height)
{
    public const byte FormatVersion = 1;

    /// <summary>Always true: the review flag is part of the fact, so no break-glass escapes review.</summary>
    public static bool FlaggedForReview => true;

    public bool IsOpenAt(long nowMs) => nowMs >= StartMs && nowMs < EndMs;

    public byte[] Encode() =>
        new CanonicalWriter(300).Byte(FormatVersion).Hash(Id).Key(Patient).Key(Requester).Text(Organisation.Value).Text(ReasonCode).Text(ReasonText)
            .VarUInt((ulong)StartMs).VarUInt((ulong)EndMs).VarUInt((ulong)Height).ToArray();

    public static BreakGlassRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("break-glass record", FormatVersion);
        var id = reader.Hash("id");
        var patient = reader.Key("patient");
        var requester = reader.Key("requester");
        var at = reader.Position;
        var orgText = reader.Text(OrganisationId.MaxLength, "organisation");
        var organisation = OrganisationId.TryParse(orgText, out var org) ? org : throw new CodecException("not an organisation id", at);
        var record = new BreakGlassRecord(
            id, patient, requester, organisation,
            reader.Text(32, "reason code"),
            reader.Text(BreakGlassReasons.MaxTextBytes, "reason text"),
            (long)reader.VarUInt(long.MaxValue, "start"),
            (long)reader.VarUInt(long.MaxValue, "end"),
            (long)reader.VarUInt(long.MaxValue, "height"));
        reader.End("break-glass record");
        return record;
    }
}
