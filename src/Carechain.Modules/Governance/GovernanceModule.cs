using Carechain.Core.Codec;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;

namespace Carechain.Modules.Governance;

/// <summary>
/// Consortium membership by M-of-N vote. An admin of a current organisation proposes a change
/// (add or remove an organisation or a node key, change the policy); the proposal counts as its
/// organisation's approval. Admins of other organisations approve it, each organisation once,
/// each vote a transaction. The change takes effect in the block where approvals from M distinct
/// current organisations are reached, and only if it still fits the consortium then. A proposal
/// can be approved until <see cref="ProposalRecord.ExpiresAfterHeight"/>; afterwards, and once
/// adopted, it refuses every vote.
/// </summary>
public sealed class GovernanceModule : ILedgerModule
{
    public const string ModuleName = "governance";

    public string Name => ModuleName;

    public bool HandlesOperation(string operation) => operation is GovernancePayloads.Propose or GovernancePayloads.Approve;

    public string? CheckPayload(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            if (transaction.Operation == GovernancePayloads.Propose)
            {
                GovernancePayloads.DecodePropose(transaction.Payload.Span);
            }
            else
            {
                GovernancePayloads.DecodeApprove(transaction.Payload.Span);
            }

            return null;
        }
        catch (CodecException)
        {
            return LedgerErrors.MalformedPayload;
        }
    }

    public ModuleResult Execute(IStateReader state, Transaction transaction, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(block);
        var refusal = CheckPayload(transaction);
        if (refusal is not null)
        {
            return ModuleResult.Fail(refusal);
        }

        var permissions = Permissions.InModule(state, block);
        if (permissions.AdminOrganisationOf(transaction.Author) is not { } organisation)
        {
            return ModuleResult.Fail(GovernanceErrors.NotAnAdmin);
        }

        return transaction.Operation == GovernancePayloads.Propose
            ? Propose(permissions, transaction, block, organisation)
            : Approve(permissions, transaction, block, organisation);
    }

    private static ModuleResult Propose(Permissions permissions, Transaction tx, BlockContext block, Ledger.Genesis.OrganisationId organisation)
    {
        var action = GovernancePayloads.DecodePropose(tx.Payload.Span);
        var problem = ProposalRules.Check(action, permissions);
        if (problem is not null)
        {
            return ModuleResult.Fail(problem);
        }

        var policy = permissions.Policy;
        var proposal = new ProposalRecord(
            tx.Id.Hash, action, organisation, block.Height, block.Height + policy.ProposalLifetimeBlocks, [organisation], ProposalStatus.Open, 0);
        var proposed = LedgerEvent.Of(
            "governance.proposed",
            ("proposal", proposal.Id.ToString()),
            ("kind", action.KindName),
            ("organisation", organisation.Value),
            ("expiresAfterHeight", proposal.ExpiresAfterHeight.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Settle(permissions, proposal, block, proposed);
    }

    private static ModuleResult Approve(Permissions permissions, Transaction tx, BlockContext block, Ledger.Genesis.OrganisationId organisation)
    {
        var proposal = permissions.Consortium.Proposal(GovernancePayloads.DecodeApprove(tx.Payload.Span));
        if (proposal is null)
        {
            return ModuleResult.Fail(GovernanceErrors.UnknownProposal);
        }

        if (proposal.Status != ProposalStatus.Open)
        {
            return ModuleResult.Fail(GovernanceErrors.ProposalClosed);
        }

        if (proposal.IsExpiredAt(block.Height))
        {
            return ModuleResult.Fail(GovernanceErrors.ProposalExpired);
        }

        if (proposal.Approvals.Contains(organisation))
        {
            return ModuleResult.Fail(GovernanceErrors.DoubleVote);
        }

        var approved = LedgerEvent.Of("governance.approved", ("proposal", proposal.Id.ToString()), ("organisation", organisation.Value));
        return Settle(permissions, proposal with { Approvals = [.. proposal.Approvals, organisation] }, block, approved);
    }

    /// <summary>
    /// Stores the proposal with its new approval, adopting it if approvals from M current
    /// organisations are now in. Approvals of organisations removed meanwhile no longer count.
    /// </summary>
    private static ModuleResult Settle(Permissions permissions, ProposalRecord proposal, BlockContext block, LedgerEvent vote)
    {
        var approvals = proposal.Approvals.Count(permissions.IsCurrent);
        if (approvals < permissions.Policy.Approvals)
        {
            return ModuleResult.Ok([ConsortiumState.WriteProposal(proposal)], vote);
        }

        var problem = ProposalRules.Check(proposal.Action, permissions);
        if (problem is not null)
        {
            return ModuleResult.Fail(problem);
        }

        var adopted = proposal with { Status = ProposalStatus.Adopted, AdoptedHeight = block.Height };
        return ModuleResult.Ok(
            [.. ProposalRules.Apply(proposal.Action, permissions, block.Height), ConsortiumState.WriteProposal(adopted)],
            vote,
            LedgerEvent.Of("governance.adopted", ("proposal", proposal.Id.ToString()), ("kind", proposal.Action.KindName)));
    }
}
