using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.BreakGlass;

/// <summary>The after-the-fact review of a break-glass by an auditor or admin of its organisation.</summary>
public sealed record BreakGlassReview(Hash256 BreakGlassId, Ed25519PublicKey Reviewer, string Outcome, long Height, long TimestampMs)
{
    public const byte FormatVersion = 1;
    public const string Justified = "justified";
    public const string Unjustified = "unjustified";

    public static bool IsOutcome(string outcome) => outcome is Justified or Unjustified;

    public byte[] Encode() =>
        new CanonicalWriter(100).Byte(FormatVersion).Hash(BreakGlassId).Key(Reviewer).Text(Outcome).VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).ToArray();

    public static BreakGlassReview Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("break-glass review", FormatVersion);
        var review = new BreakGlassReview(
            reader.Hash("break-glass id"),
            reader.Key("reviewer"),
            reader.Text(16, "outcome"),
            (long)reader.VarUInt(long.MaxValue, "height"),
            (long)reader.VarUInt(long.MaxValue, "timestamp"));
        reader.End("break-glass review");
        return review;
    }
}
