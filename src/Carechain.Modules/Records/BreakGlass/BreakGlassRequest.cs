using Carechain.Core.Codec;
using Carechain.Core.Crypto;

namespace Carechain.Modules.Records.BreakGlass;

/// <summary>
/// The payload of records/break-glass: a member with the emergency role opens time-limited access
/// to all of <see cref="Patient"/>'s records, stating a reason code and a short text.
/// </summary>
public sealed record BreakGlassRequest(Ed25519PublicKey Patient, string ReasonCode, string ReasonText, int Minutes)
{
    public const string Operation = "break-glass";

    public byte[] Encode() => new CanonicalWriter(220).Key(Patient).Text(ReasonCode).Text(ReasonText).VarUInt((ulong)Minutes).ToArray();

    public static BreakGlassRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var request = new BreakGlassRequest(
            reader.Key("patient"),
            reader.Text(32, "reason code"),
            reader.Text(BreakGlassReasons.MaxTextBytes, "reason text"),
            (int)reader.VarUInt(int.MaxValue, "minutes"));
        reader.End("break-glass payload");
        return request;
    }

    public string? Validate() =>
        !BreakGlassReasons.Codes.Contains(ReasonCode) || !BreakGlassReasons.IsText(ReasonText) ? RecordsErrors.InvalidReason
        : Minutes is < 1 or > BreakGlassReasons.MaxMinutes ? RecordsErrors.InvalidDuration
        : null;
}
