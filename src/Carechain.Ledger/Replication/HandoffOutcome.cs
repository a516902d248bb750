namespace Carechain.Ledger.Replication;

/// <summary>What became of one transaction offered to the leader by <see cref="ITransactionHandoff"/>.</summary>
public enum HandoffOutcome
{
    /// <summary>The leader holds it now (pending there) or has already committed it.</summary>
    Taken,

    /// <summary>
    /// Not taken for now: no leader is known or reachable, it has no room, or it has not applied the
    /// transaction's predecessor yet. This node keeps it and offers it again.
    /// </summary>
    Retry,

    /// <summary>The leader refused it for good (its author was revoked, its nonce was used by another transaction…).</summary>
    Refused,
}
