using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Testing;

namespace Carechain.Modules.Tests.Support;

/// <summary>
/// A real chain (RocksDB in a temp folder) founded by organisations org1..orgN, each with one admin
/// key and one node key; org1's node produces the blocks. Tracks nonces so a test states only who
/// does what. Each <see cref="Run"/> commits one block holding just that transaction.
/// </summary>
internal sealed class Consortium : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<Ed25519PublicKey, ulong> _nonces = [];
    private readonly List<SigningKey> _keys = [];

    public Consortium(int organisations = 3, int approvals = 2, long lifetime = 10)
    {
        Admins = [.. Enumerable.Range(1, organisations).Select(_ => NewKey())];
        Nodes = [.. Enumerable.Range(1, organisations).Select(_ => NewKey())];
        Genesis = new GenesisDocument(
            TestChain.ChainId,
            1_700_000_000_000,
            [.. Enumerable.Range(0, organisations).Select(i => new Organisation(Org(i + 1), $"Hospital {i + 1}", OrganisationKind.Hospital, [Admins[i].PublicKey], [Nodes[i].PublicKey]))],
            new GovernancePolicy(approvals, lifetime));
        Chain = TestChain.Create(_dir.Path, Nodes[0], Genesis);
    }

    public GenesisDocument Genesis { get; }

    public TestChain Chain { get; }

    /// <summary>Admin key of org(i+1).</summary>
    public IReadOnlyList<SigningKey> Admins { get; }

    public IReadOnlyList<SigningKey> Nodes { get; }

    public long Height => Chain.Chain.Head.Height;

    public Permissions Permissions => new(Chain.Store, Genesis);

    public static OrganisationId Org(int number) => OrganisationId.Parse($"org{number}");

    public SigningKey NewKey()
    {
        var key = SigningKey.Generate();
        _keys.Add(key);
        return key;
    }

    public Transaction Sign(SigningKey author, string module, string operation, byte[] payload)
    {
        var nonce = _nonces.GetValueOrDefault(author.PublicKey) + 1;
        _nonces[author.PublicKey] = nonce;
        return Transaction.Create(author, TestChain.ChainId, nonce, module, operation, payload);
    }

    /// <summary>Admits <paramref name="transactions"/> and commits them in one block; returns their receipts.</summary>
    public IReadOnlyList<Receipt> Commit(params Transaction[] transactions)
    {
        foreach (var tx in transactions)
        {
            var admitted = Chain.Submit(tx);
            Assert.True(admitted.Status == AdmissionStatus.Accepted, $"{tx.Module}/{tx.Operation} refused at admission: {admitted.ErrorCode} {admitted.Detail}");
        }

        return Chain.CommitPending().Receipts;
    }

    public Receipt Run(SigningKey author, string module, string operation, byte[] payload) =>
        Commit(Sign(author, module, operation, payload)).Single();

    public Receipt Propose(SigningKey admin, ProposalAction action) =>
        Run(admin, GovernanceModule.ModuleName, GovernancePayloads.Propose, GovernancePayloads.EncodePropose(action));

    public Receipt Approve(SigningKey admin, Hash256 proposal) =>
        Run(admin, GovernanceModule.ModuleName, GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(proposal));

    public Receipt AddMember(SigningKey admin, SigningKey member, string role, OrganisationId organisation, string name = "Dr Example") =>
        Run(admin, IdentityModule.ModuleName, IdentityPayloads.AddMember, IdentityPayloads.EncodeAddMember(member.PublicKey, name, role, organisation));

    public Receipt RevokeMember(SigningKey admin, SigningKey member) =>
        Run(admin, IdentityModule.ModuleName, IdentityPayloads.RevokeMember, IdentityPayloads.EncodeRevokeMember(member.PublicKey));

    public Receipt Anchor(SigningKey author) => Commit(TestChain.Anchor(author, NextNonce(author), "note")).Single();

    /// <summary>Commits empty blocks until the head is at <paramref name="height"/>.</summary>
    public void AdvanceTo(long height)
    {
        while (Height < height)
        {
            Chain.CommitPending();
        }
    }

    public Organisation NewOrganisation(string id, out SigningKey admin)
    {
        admin = NewKey();
        return new Organisation(OrganisationId.Parse(id), $"New {id}", OrganisationKind.Pharmacy, [admin.PublicKey], [NewKey().PublicKey]);
    }

    public void Dispose()
    {
        Chain.Dispose();
        _keys.ForEach(k => k.Dispose());
        _dir.Dispose();
    }

    private ulong NextNonce(SigningKey author)
    {
        var nonce = _nonces.GetValueOrDefault(author.PublicKey) + 1;
        _nonces[author.PublicKey] = nonce;
        return nonce;
    }
}
