using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Execution;
using Carechain.Modules.Governance;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Governance;

/// <summary>Governance keeps every change of the node keys, so the keys that certify any height can be read from the head state.</summary>
public sealed class NodeSetHistoryTests : IDisposable
{
    private readonly Consortium _net = new(organisations: 3, approvals: 2, lifetime: 10);

    [Fact]
    public void The_genesis_node_keys_certify_every_height_until_governance_changes_them()
    {
        _net.AdvanceTo(3);

        Assert.Empty(_net.Permissions.NodeSetHistory());
        Assert.Equal(new NodeSet(_net.Genesis.Producers), _net.Permissions.NodeSetAt(1));
        Assert.Equal(new NodeSet(_net.Genesis.Producers), _net.Permissions.NodeSetAt(100));
    }

    [Fact]
    public void An_adopted_node_key_change_is_recorded_at_its_block_and_certifies_from_the_next()
    {
        var spare = _net.NewKey();
        var added = _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new AddNodeKeyAction(Consortium.Org(1), spare.PublicKey)).TxId.Hash);
        var removed = _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new RemoveNodeKeyAction(Consortium.Org(3), _net.Nodes[2].PublicKey)).TxId.Hash);

        var history = _net.Permissions.NodeSetHistory();
        var genesis = new NodeSet(_net.Genesis.Producers);
        var grown = new NodeSet([_net.Nodes[0].PublicKey, _net.Nodes[1].PublicKey, _net.Nodes[2].PublicKey, spare.PublicKey]);
        var shrunk = new NodeSet([_net.Nodes[0].PublicKey, _net.Nodes[1].PublicKey, spare.PublicKey]);
        Assert.Equal([(added.Height, grown), (removed.Height, shrunk)], history.Select(r => (r.Height, r.NodeSet)));
        Assert.Equal(genesis, _net.Permissions.NodeSetAt(added.Height));
        Assert.Equal(grown, _net.Permissions.NodeSetAt(added.Height + 1));
        Assert.Equal(grown, _net.Permissions.NodeSetAt(removed.Height));
        Assert.Equal(shrunk, _net.Permissions.NodeSetAt(removed.Height + 1));
        Assert.Equal(new NodeSet(_net.Permissions.NodeKeys()), _net.Permissions.NodeSetAt(long.MaxValue));
    }

    [Fact]
    public void Adding_and_removing_organisations_with_node_keys_changes_the_node_set()
    {
        var pharmacy = _net.NewOrganisation("pharmacy", out _);
        var joined = _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new AddOrganisationAction(pharmacy)).TxId.Hash);
        var left = _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new RemoveOrganisationAction(Consortium.Org(3))).TxId.Hash);

        Assert.Contains(pharmacy.NodeKeys[0], _net.Permissions.NodeSetAt(joined.Height + 1).Members);
        Assert.DoesNotContain(_net.Nodes[2].PublicKey, _net.Permissions.NodeSetAt(left.Height + 1).Members);
        Assert.Equal([joined.Height, left.Height], _net.Permissions.NodeSetHistory().Select(r => r.Height));
    }

    [Fact]
    public void A_policy_change_leaves_the_node_set_history_alone()
    {
        _net.Approve(_net.Admins[1], _net.Propose(_net.Admins[0], new ChangePolicyAction(new Ledger.Genesis.GovernancePolicy(3, 10))).TxId.Hash);

        Assert.Empty(_net.Permissions.NodeSetHistory());
    }

    [Fact]
    public void Two_changes_adopted_in_one_block_leave_one_entry_with_the_final_set()
    {
        var spare = _net.NewKey();
        var other = _net.NewKey();
        var first = _net.Propose(_net.Admins[0], new AddNodeKeyAction(Consortium.Org(1), spare.PublicKey));
        var second = _net.Propose(_net.Admins[0], new AddNodeKeyAction(Consortium.Org(2), other.PublicKey));

        var receipts = _net.Commit(
            _net.Sign(_net.Admins[1], GovernanceModule.ModuleName, GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(first.TxId.Hash)),
            _net.Sign(_net.Admins[2], GovernanceModule.ModuleName, GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(second.TxId.Hash)));

        Assert.All(receipts, r => Assert.Equal(ReceiptStatus.Success, r.Status));
        var entry = Assert.Single(_net.Permissions.NodeSetHistory());
        Assert.Equal(receipts[0].Height, entry.Height);
        Assert.Equal(5, entry.NodeSet.Count);
    }

    public void Dispose() => _net.Dispose();
}
