namespace Carechain.Ledger.Replication;

/// <summary>The outcome of offering one transaction to the leader, and why when it was not taken.</summary>
public readonly record struct HandoffResult(HandoffOutcome Outcome, string Reason)
{
    public static HandoffResult Taken { get; } = new(HandoffOutcome.Taken, string.Empty);

    public static HandoffResult Retry(string reason) => new(HandoffOutcome.Retry, reason);

    public static HandoffResult Refused(string reason) => new(HandoffOutcome.Refused, reason);
}
