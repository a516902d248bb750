using Carechain.Core.Crypto;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;
using Carechain.Ledger.Verification;
using Carechain.Modules;
using Carechain.Modules.Governance;
using Carechain.Testing;

namespace Carechain.Ledger.Tests.Chain;

/// <summary>
/// Block producers follow the node set in force at each height (governance's node-set history), not
/// the genesis node keys: a key counts from the block after the one adopting it, and stops counting
/// from the block after the one removing it.
/// </summary>
public class NodeSetProducerTests
{
    private static readonly SigningKey Founder = SigningKey.FromSeed(Enumerable.Repeat((byte)21, 32).ToArray());
    private static readonly SigningKey Second = SigningKey.FromSeed(Enumerable.Repeat((byte)22, 32).ToArray());
    private static readonly SigningKey Added = SigningKey.FromSeed(Enumerable.Repeat((byte)23, 32).ToArray());

    private static readonly GenesisDocument Genesis = new(
        TestChain.ChainId,
        1_700_000_000_000,
        [
            new Organisation(OrganisationId.Parse("org1"), "Org 1", OrganisationKind.Hospital, [Founder.PublicKey], [Founder.PublicKey]),
            new Organisation(OrganisationId.Parse("org2"), "Org 2", OrganisationKind.Hospital, [Second.PublicKey], [Second.PublicKey]),
        ],
        new GovernancePolicy(1, 100));

    private static readonly BlockHeader GenesisBlock = Genesis.UnsignedGenesisHeader(Founder.PublicKey).SignWith(Founder);

    [Fact]
    public void A_block_by_a_key_not_in_the_node_set_at_its_height_is_refused_and_an_added_key_produces_from_the_block_after_its_adoption()
    {
        using var dirA = new TempDirectory();
        using var dirB = new TempDirectory();
        using var storeA = LedgerStore.Open(dirA.Path);
        var storeB = LedgerStore.Open(dirB.Path);
        var founder = LedgerChain.OpenMember(storeA, ChainModules.Create(), Founder, Genesis, GenesisBlock);
        var added = LedgerChain.OpenMember(storeB, ChainModules.Create(), Added, Genesis, GenesisBlock);
        var now = 1_700_000_001_000L;

        // Before its adoption the added key may not produce: its block 1 is refused, and it does not build one.
        Assert.False(added.MayProduceNext);
        Assert.Throws<InvalidOperationException>(() => added.Build([], now));
        var early = founder.Build([], now);
        var forged = new Block(early.Header.SignWith(Added), early.Transactions);
        var refused = founder.ApplyDelivered(forged, 1);
        Assert.Equal(BlockApplyStatus.Rejected, refused.Status);
        Assert.Contains("not signed by a node key in force at its height", refused.Reason, StringComparison.Ordinal);

        // Block 1 (by the founder) adopts the added key for org 1 (one approval suffices here).
        var adopt = Propose(Founder, 1, new AddNodeKeyAction(OrganisationId.Parse("org1"), Added.PublicKey));
        var adopting = founder.Build([adopt], now + 1).ToBlock();
        DeliverToBoth(founder, added, adopting, 2);
        Assert.False(founder.NodeSetAt(1).Contains(Added.PublicKey));
        Assert.True(founder.NodeSetAt(2).Contains(Added.PublicKey));

        // Block 2, built and signed by the added key, is taken by the founding member.
        Assert.True(added.MayProduceNext);
        var byAdded = added.Build([], now + 2).ToBlock();
        DeliverToBoth(founder, added, byAdded, 3);
        Assert.Equal(Added.PublicKey, founder.Head.Producer);

        // Block 3 removes org 2's node key; from block 4 on, blocks it signs are refused.
        var remove = Propose(Founder, 2, new RemoveNodeKeyAction(OrganisationId.Parse("org2"), Second.PublicKey));
        var removing = founder.Build([remove], now + 3).ToBlock();
        var bySecondBefore = new Block(removing.Header.SignWith(Second), removing.Transactions);
        DeliverToBoth(founder, added, bySecondBefore, 4);
        Assert.Equal(3, founder.Head.Height);

        var next = founder.Build([], now + 4);
        var bySecondAfter = founder.ApplyDelivered(new Block(next.Header.SignWith(Second), next.Transactions), 5);
        Assert.Equal(BlockApplyStatus.Rejected, bySecondAfter.Status);
        Assert.Equal(3, founder.Head.Height);
        Assert.Equal(BlockApplyStatus.Applied, founder.ApplyDelivered(next.ToBlock(), 6).Status);

        // The store verifier follows the same node sets: the chain with a block by the added key verifies.
        storeB.Dispose();
        var report = new StoreVerifier(ChainModules.Create()).Verify(dirB.Path);
        Assert.True(report.Intact, report.Reason);
    }

    private static void DeliverToBoth(LedgerChain a, LedgerChain b, Block block, long index)
    {
        Assert.Equal(BlockApplyStatus.Applied, a.ApplyDelivered(Block.Decode(block.Encode()), index).Status);
        Assert.Equal(BlockApplyStatus.Applied, b.ApplyDelivered(Block.Decode(block.Encode()), index).Status);
    }

    private static Transaction Propose(SigningKey admin, ulong nonce, ProposalAction action) =>
        Transaction.Create(admin, TestChain.ChainId, nonce, GovernanceModule.ModuleName, GovernancePayloads.Propose, GovernancePayloads.EncodePropose(action));
}
