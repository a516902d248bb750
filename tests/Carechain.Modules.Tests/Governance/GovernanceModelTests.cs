using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using CsCheck;

namespace Carechain.Modules.Tests.Governance;

/// <summary>
/// Random sequences of proposals (add or remove an organisation, change M), votes and idle blocks,
/// run through the real executor, must give the receipt codes and the organisation set that a
/// tiny reference model of the rules predicts.
/// </summary>
public sealed class GovernanceModelTests
{
    private const long Lifetime = 3;

    // Actors 0..2 administer the founding organisations, 3..5 the candidates c0..c2, 6 is nobody.
    private static readonly SigningKey[] Actors = [.. Enumerable.Range(1, 7).Select(i => SigningKey.FromSeed(Enumerable.Repeat((byte)(100 + i), 32).ToArray()))];
    private static readonly SigningKey[] CandidateNodes = [.. Enumerable.Range(1, 3).Select(i => SigningKey.FromSeed(Enumerable.Repeat((byte)(200 + i), 32).ToArray()))];
    private static readonly SigningKey[] FoundingNodes = [.. Enumerable.Range(1, 3).Select(i => SigningKey.FromSeed(Enumerable.Repeat((byte)(220 + i), 32).ToArray()))];

    private static readonly GenesisDocument Genesis = new(
        "model-chain",
        0,
        [.. Enumerable.Range(0, 3).Select(i => new Organisation(Id(i), $"Founder {i}", OrganisationKind.Hospital, [Actors[i].PublicKey], [FoundingNodes[i].PublicKey]))],
        new GovernancePolicy(2, Lifetime));

    [Fact]
    public void Proposals_and_votes_follow_the_reference_model()
    {
        // (what: 0 propose, 1 approve, 2 idle; actor; target; argument)
        var step = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 6], Gen.Int[0, 5], Gen.Int[0, 4]);
        step.Array[1, 40].Sample(Run, iter: 150);
    }

    private static void Run((int What, int Actor, int Target, int Argument)[] steps)
    {
        var executor = new BlockExecutor(ChainModules.Create());
        var state = new MemoryState();
        var model = new Model();
        var commitment = Hash256.Zero;
        var nonces = new ulong[Actors.Length];
        var proposals = new List<Hash256>();
        var height = 0L;
        foreach (var (what, actor, target, argument) in steps)
        {
            height++;
            if (what == 2)
            {
                height += argument;
                continue;
            }

            var author = Actors[actor];
            string operation;
            byte[] payload;
            Hash256? proposal = null;
            ProposalAction? action = null;
            if (what == 0)
            {
                action = target switch
                {
                    < 3 => new AddOrganisationAction(new Organisation(CandidateId(target), "Candidate", OrganisationKind.Clinic, [Actors[3 + target].PublicKey], [CandidateNodes[target].PublicKey])),
                    < 5 => new RemoveOrganisationAction(argument < 3 ? Id(argument) : CandidateId(argument - 3)),
                    _ => new ChangePolicyAction(new GovernancePolicy(argument, Lifetime)),
                };
                operation = GovernancePayloads.Propose;
                payload = GovernancePayloads.EncodePropose(action);
            }
            else
            {
                proposal = target < proposals.Count ? proposals[target] : Hash256.Sha256([(byte)target]);
                operation = GovernancePayloads.Approve;
                payload = GovernancePayloads.EncodeApprove(proposal.Value);
            }

            var tx = Transaction.Create(author, Genesis.ChainId, ++nonces[actor], GovernanceModule.ModuleName, operation, payload);
            var execution = executor.Execute(state, commitment, new BlockContext(Genesis, height, height, FoundingNodes[0].PublicKey), [tx]);
            state.Apply(execution.SortedWrites, height);
            commitment = execution.StateCommitment;

            var expected = action is not null ? model.Propose(actor, action, tx.Id.Hash, height) : model.Approve(actor, proposal!.Value, height);
            Assert.Equal(expected, execution.Receipts[0].ErrorCode);
            if (action is not null && expected.Length == 0)
            {
                proposals.Add(tx.Id.Hash);
            }
        }

        var permissions = new Permissions(state, Genesis);
        Assert.Equal(model.Current.Order(StringComparer.Ordinal), permissions.CurrentOrganisations().Select(o => o.Organisation.Id.Value));
        Assert.Equal(model.M, permissions.Policy.Approvals);
    }

    private static OrganisationId Id(int founder) => OrganisationId.Parse($"f{founder}");

    private static OrganisationId CandidateId(int candidate) => OrganisationId.Parse($"c{candidate}");

    /// <summary>The rules, restated as plainly as possible. Actor i administers organisation Admin[i].</summary>
    private sealed class Model
    {
        private static readonly string[] Admin = ["f0", "f1", "f2", "c0", "c1", "c2", "nobody"];
        private readonly HashSet<string> _everExisted = ["f0", "f1", "f2"];
        private readonly Dictionary<Hash256, Proposal> _proposals = [];

        public HashSet<string> Current { get; } = ["f0", "f1", "f2"];

        public int M { get; private set; } = 2;

        public string Propose(int actor, ProposalAction action, Hash256 id, long height)
        {
            var organisation = Admin[actor];
            if (!Current.Contains(organisation))
            {
                return GovernanceErrors.NotAnAdmin;
            }

            var problem = Check(action);
            if (problem.Length > 0)
            {
                return problem;
            }

            var proposal = new Proposal(action, height + Lifetime, [organisation]);
            _proposals[id] = proposal;
            return Settle(proposal);
        }

        public string Approve(int actor, Hash256 id, long height)
        {
            var organisation = Admin[actor];
            if (!Current.Contains(organisation))
            {
                return GovernanceErrors.NotAnAdmin;
            }

            if (!_proposals.TryGetValue(id, out var proposal))
            {
                return GovernanceErrors.UnknownProposal;
            }

            if (proposal.Adopted)
            {
                return GovernanceErrors.ProposalClosed;
            }

            if (height > proposal.ExpiresAfter)
            {
                return GovernanceErrors.ProposalExpired;
            }

            if (proposal.Approvals.Contains(organisation))
            {
                return GovernanceErrors.DoubleVote;
            }

            // A vote refused at adoption (the change no longer fits) is not recorded.
            proposal.Approvals.Add(organisation);
            var code = Settle(proposal);
            if (code.Length > 0)
            {
                proposal.Approvals.RemoveAt(proposal.Approvals.Count - 1);
            }

            return code;
        }

        private string Settle(Proposal proposal)
        {
            if (proposal.Approvals.Count(Current.Contains) < M)
            {
                return string.Empty;
            }

            var problem = Check(proposal.Action);
            if (problem.Length > 0)
            {
                return problem;
            }

            proposal.Adopted = true;
            switch (proposal.Action)
            {
                case AddOrganisationAction add:
                    Current.Add(add.Organisation.Id.Value);
                    _everExisted.Add(add.Organisation.Id.Value);
                    break;
                case RemoveOrganisationAction remove:
                    Current.Remove(remove.Organisation.Value);
                    break;
                case ChangePolicyAction change:
                    M = change.Policy.Approvals;
                    break;
            }

            return string.Empty;
        }

        private string Check(ProposalAction action) => action switch
        {
            AddOrganisationAction add => _everExisted.Contains(add.Organisation.Id.Value) ? GovernanceErrors.OrganisationExists : string.Empty,
            RemoveOrganisationAction remove when !Current.Contains(remove.Organisation.Value) => GovernanceErrors.UnknownOrganisation,
            RemoveOrganisationAction => Current.Count - 1 < M ? GovernanceErrors.InvalidPolicy : string.Empty,
            ChangePolicyAction change => change.Policy.Approvals < 1 || change.Policy.Approvals > Current.Count ? GovernanceErrors.InvalidPolicy : string.Empty,
            _ => throw new InvalidOperationException(),
        };

        private sealed record Proposal(ProposalAction Action, long ExpiresAfter, List<string> Approvals)
        {
            public bool Adopted { get; set; }
        }
    }
}
