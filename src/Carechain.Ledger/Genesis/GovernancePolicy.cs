namespace Carechain.Ledger.Genesis;

/// <summary>
/// How membership changes are decided: a proposal takes effect once admins of
/// <see cref="Approvals"/> distinct current organisations approve it (M of N), and it can be
/// approved for <see cref="ProposalLifetimeBlocks"/> blocks after the block that proposed it.
/// </summary>
public sealed record GovernancePolicy(int Approvals, long ProposalLifetimeBlocks)
{
    public const long MaxProposalLifetimeBlocks = 10_000_000;

    /// <summary>Why this policy cannot govern <paramref name="organisations"/> organisations, or null if it can.</summary>
    public string? Problem(int organisations)
    {
        if (Approvals < 1 || Approvals > organisations)
        {
            return $"approvals must be between 1 and the number of organisations ({organisations}), not {Approvals}";
        }

        return ProposalLifetimeBlocks is < 1 or > MaxProposalLifetimeBlocks
            ? $"the proposal lifetime must be between 1 and {MaxProposalLifetimeBlocks} blocks, not {ProposalLifetimeBlocks}"
            : null;
    }
}
