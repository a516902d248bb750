namespace Carechain.Client.Contracts;

/// <summary>An emergency access opened for the patient; always flagged for review.</summary>
public sealed record BreakGlassDto(
    string Id, string Requester, string Organisation, string ReasonCode, string ReasonText, long StartMs, long EndMs, long Height, bool FlaggedForReview);
