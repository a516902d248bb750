using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.BreakGlass;

/// <summary>The payload of records/review-break-glass: the outcome of reviewing one break-glass.</summary>
public sealed record ReviewRequest(Hash256 BreakGlassId, string Outcome)
{
    public const string Operation = "review-break-glass";

    public byte[] Encode() => new CanonicalWriter(50).Hash(BreakGlassId).Text(Outcome).ToArray();

    public static ReviewRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var request = new ReviewRequest(reader.Hash("break-glass id"), reader.Text(16, "outcome"));
        reader.End("review payload");
        return request;
    }

    public string? Validate() => BreakGlassReview.IsOutcome(Outcome) ? null : RecordsErrors.InvalidReviewOutcome;
}
