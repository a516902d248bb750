namespace Carechain.Modules.Governance;

/// <summary>
/// Stable error codes of governance and of the permission checks every module shares (listed in
/// docs/errors.md). Permission refusals are spelt here once so every module refuses alike.
/// </summary>
public static class GovernanceErrors
{
    /// <summary>The author is not an admin of a current organisation (or not of the one it acts for).</summary>
    public const string NotAnAdmin = "not_an_admin";

    /// <summary>The key already belongs to an organisation or has an identity; a key serves one holder, for good.</summary>
    public const string KeyInUse = "key_in_use";

    public const string UnknownOrganisation = "unknown_organisation";

    /// <summary>The author is a member of an organisation that governance removed.</summary>
    public const string OrganisationRemoved = "organisation_removed";

    public const string OrganisationExists = "organisation_exists";
    public const string TooManyOrganisations = "too_many_organisations";
    public const string TooManyKeys = "too_many_keys";
    public const string UnknownNodeKey = "unknown_node_key";
    public const string LastNodeKey = "last_node_key";
    public const string InvalidPolicy = "invalid_policy";
    public const string UnknownProposal = "unknown_proposal";
    public const string ProposalClosed = "proposal_closed";
    public const string ProposalExpired = "proposal_expired";
    public const string DoubleVote = "double_vote";

    /// <summary>The node keys changed <see cref="NodeSetRecord.MaxHistory"/> times already: the history certificates are checked through is full.</summary>
    public const string NodeSetHistoryFull = "node_set_history_full";
}
