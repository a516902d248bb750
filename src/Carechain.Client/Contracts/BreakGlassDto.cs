namespace Carechain.Client.Contracts;

/// <summary>
/// An emergency access opened for the patient; always flagged for review. The review fields are
/// set once an auditor or admin of the organisation recorded the outcome (justified or unjustified).
/// </summary>
public sealed record BreakGlassDto(
    string Id, string Patient, string Requester, string Organisation, string ReasonCode, string ReasonText, long StartMs, long EndMs, long Height,
    bool FlaggedForReview, string? ReviewOutcome, string? ReviewedBy, long? ReviewedAtMs);
