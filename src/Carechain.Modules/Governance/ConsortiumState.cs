using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;

namespace Carechain.Modules.Governance;

/// <summary>
/// The governance namespace, layered over the genesis document: a key governance never wrote
/// reads as genesis founded it. Nothing is copied into state at genesis, so the store and the
/// offline verifier need no seeding step, and the genesis state commitment (which hashes the
/// genesis document) already covers the founding set. Every change writes the whole affected
/// record, and removals write tombstones rather than deleting, so genesis never shows through a
/// change. Layout (under <c>governance/</c>):
/// <list type="bullet">
/// <item><c>o/{id}</c>: <see cref="OrganisationRecord"/>, active or removed</item>
/// <item><c>orgs</c>: the ids of current organisations, sorted</item>
/// <item><c>k/{key}</c>: the organisation an admin or node key was admitted with (never deleted, so a key is never reused)</item>
/// <item><c>policy</c>: the <see cref="GovernancePolicy"/></item>
/// <item><c>p/{proposal id}</c>: <see cref="ProposalRecord"/></item>
/// <item><c>nodesets</c>: every change of the node keys, as <see cref="NodeSetRecord"/>s, lowest height first (absent until the first)</item>
/// </list>
/// </summary>
internal sealed class ConsortiumState(IStateReader governance, GenesisDocument genesis)
{
    public const int MaxOrganisations = 1024;

    private static readonly byte[] OrganisationListKey = "orgs"u8.ToArray();
    private static readonly byte[] PolicyKey = "policy"u8.ToArray();
    private static readonly byte[] NodeSetHistoryKey = "nodesets"u8.ToArray();

    public GenesisDocument Genesis => genesis;

    public OrganisationRecord? Organisation(OrganisationId id)
    {
        var bytes = governance.Get(OrganisationKey(id));
        if (bytes is not null)
        {
            return OrganisationRecord.Decode(bytes);
        }

        var founding = genesis.FindOrganisation(id);
        return founding is null ? null : new OrganisationRecord(founding, OrganisationStatus.Active, 0);
    }

    public IReadOnlyList<OrganisationId> CurrentIds()
    {
        var bytes = governance.Get(OrganisationListKey);
        if (bytes is null)
        {
            return [.. genesis.Organisations.Select(o => o.Id).OrderBy(id => id.Value, StringComparer.Ordinal)];
        }

        var reader = new CanonicalReader(bytes);
        var ids = new OrganisationId[reader.Length(MaxOrganisations, "organisation list")];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = OrganisationId.Parse(reader.Text(OrganisationId.MaxLength, "organisation id"));
        }

        reader.End("organisation list");
        return ids;
    }

    /// <summary>The organisation <paramref name="key"/> was admitted with as an admin or node key, whether or not it still holds it.</summary>
    public OrganisationId? HolderOf(Ed25519PublicKey key)
    {
        var bytes = governance.Get(KeyIndexKey(key));
        if (bytes is not null)
        {
            return OrganisationId.Parse(System.Text.Encoding.ASCII.GetString(bytes));
        }

        return genesis.OrganisationOfKey(key)?.Id;
    }

    public GovernancePolicy Policy()
    {
        var bytes = governance.Get(PolicyKey);
        if (bytes is null)
        {
            return genesis.Policy;
        }

        var reader = new CanonicalReader(bytes);
        var policy = new GovernancePolicy((int)reader.VarUInt(MaxOrganisations, "approvals"), (long)reader.VarUInt(GovernancePolicy.MaxProposalLifetimeBlocks, "lifetime"));
        reader.End("policy");
        return policy;
    }

    /// <summary>The node-set changes governance adopted, lowest height first; empty while the genesis node keys are in force.</summary>
    public IReadOnlyList<NodeSetRecord> NodeSetHistory() =>
        governance.Get(NodeSetHistoryKey) is { } bytes ? NodeSetRecord.DecodeHistory(bytes) : [];

    public ProposalRecord? Proposal(Hash256 id)
    {
        var bytes = governance.Get(ProposalKey(id));
        return bytes is null ? null : ProposalRecord.Decode(bytes);
    }

    /// <summary>Whether governance removed the organisation; a removal always writes its record, so genesis is not needed.</summary>
    public static bool IsRemoved(IStateReader governance, OrganisationId id) =>
        governance.Get(OrganisationKey(id)) is { } bytes && OrganisationRecord.Decode(bytes).Status == OrganisationStatus.Removed;

    public static StateWrite WriteOrganisation(OrganisationRecord record) => new(OrganisationKey(record.Organisation.Id), record.Encode());

    public static StateWrite WriteCurrentIds(IEnumerable<OrganisationId> ids)
    {
        var sorted = ids.OrderBy(id => id.Value, StringComparer.Ordinal).ToArray();
        var writer = new CanonicalWriter(16 * sorted.Length + 4).VarUInt((ulong)sorted.Length);
        foreach (var id in sorted)
        {
            writer.Text(id.Value);
        }

        return new StateWrite(OrganisationListKey, writer.ToArray());
    }

    public static StateWrite WriteHolder(Ed25519PublicKey key, OrganisationId organisation) =>
        new(KeyIndexKey(key), System.Text.Encoding.ASCII.GetBytes(organisation.Value));

    public static StateWrite WritePolicy(GovernancePolicy policy) =>
        new(PolicyKey, new CanonicalWriter(16).VarUInt((ulong)policy.Approvals).VarUInt((ulong)policy.ProposalLifetimeBlocks).ToArray());

    public static StateWrite WriteNodeSetHistory(IReadOnlyList<NodeSetRecord> history) => new(NodeSetHistoryKey, NodeSetRecord.EncodeHistory(history));

    public static StateWrite WriteProposal(ProposalRecord record) => new(ProposalKey(record.Id), record.Encode());

    private static byte[] OrganisationKey(OrganisationId id) => System.Text.Encoding.ASCII.GetBytes("o/" + id.Value);

    private static byte[] KeyIndexKey(Ed25519PublicKey key) => StateKeys.Tagged('k', key);

    private static byte[] ProposalKey(Hash256 id) => StateKeys.Tagged('p', id);
}
