using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Storage;
using Carechain.Modules;
using Carechain.Testing;

namespace Carechain.Ledger.Tests.Chain;

/// <summary>The replicated path: one member builds a block, every member applies what ordering delivers.</summary>
public class ReplicatedApplyTests
{
    private static readonly SigningKey Producer = SigningKey.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly SigningKey Other = SigningKey.FromSeed(Enumerable.Repeat((byte)8, 32).ToArray());

    private static readonly GenesisDocument Genesis = new(
        TestChain.ChainId,
        1_700_000_000_000,
        [
            new Organisation(OrganisationId.Parse("org1"), "Org 1", OrganisationKind.Hospital, [Producer.PublicKey], [Producer.PublicKey]),
            new Organisation(OrganisationId.Parse("org2"), "Org 2", OrganisationKind.Hospital, [Other.PublicKey], [Other.PublicKey]),
        ],
        new GovernancePolicy(1, 100));

    private static readonly BlockHeader GenesisBlock = Genesis.UnsignedGenesisHeader(Producer.PublicKey).SignWith(Producer);

    [Fact]
    public void A_built_block_is_stored_only_when_applied_and_every_member_reaches_the_same_head()
    {
        using var dirA = new TempDirectory();
        using var dirB = new TempDirectory();
        using var storeA = LedgerStore.Open(dirA.Path);
        using var storeB = LedgerStore.Open(dirB.Path);
        var a = LedgerChain.OpenMember(storeA, ChainModules.Create(), Producer, Genesis, GenesisBlock);
        var b = LedgerChain.OpenMember(storeB, ChainModules.Create(), Other, Genesis, GenesisBlock);
        using var author = SigningKey.Generate();

        var built = a.Build([TestChain.Anchor(author, 1)], 1_700_000_001_000);
        Assert.Equal(0, a.Head.Height);
        var encoded = built.ToBlock().Encode();

        Assert.Equal(BlockApplyStatus.Applied, a.ApplyDelivered(Block.Decode(encoded), 5).Status);
        Assert.Equal(BlockApplyStatus.Applied, b.ApplyDelivered(Block.Decode(encoded), 5).Status);
        Assert.Equal(a.Head.Hash, b.Head.Hash);
        Assert.Equal(5, storeB.ReadOrderingIndex());

        // Delivered again (a deposed leader's duplicate): it no longer extends the head.
        Assert.Equal(BlockApplyStatus.Stale, b.ApplyDelivered(Block.Decode(encoded), 6).Status);
        Assert.Equal(5, storeB.ReadOrderingIndex());
    }

    [Fact]
    public void A_block_whose_header_disagrees_with_re_execution_is_divergence_and_a_foreign_producer_is_rejected()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path);
        var chain = LedgerChain.OpenMember(store, ChainModules.Create(), Other, Genesis, GenesisBlock);
        using var author = SigningKey.Generate();
        var built = chain.Build([TestChain.Anchor(author, 1)], 1_700_000_001_000);

        var lying = built.Header with { StateCommitment = Hash256.Sha256([1, 2, 3]) };
        var diverged = chain.ApplyDelivered(new Block(lying.SignWith(Producer), built.Transactions), 1);
        Assert.Equal(BlockApplyStatus.Diverged, diverged.Status);

        using var stranger = SigningKey.Generate();
        var foreign = chain.ApplyDelivered(new Block(built.Header.SignWith(stranger), built.Transactions), 2);
        Assert.Equal(BlockApplyStatus.Rejected, foreign.Status);
        Assert.Equal(0, chain.Head.Height);
    }

    [Fact]
    public void The_builder_takes_its_own_block_as_built_only_when_the_delivered_transactions_are_the_ones_it_built()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path);
        var chain = LedgerChain.OpenMember(store, ChainModules.Create(), Producer, Genesis, GenesisBlock);
        using var author = SigningKey.Generate();
        var built = chain.Build([TestChain.Anchor(author, 1)], 1_700_000_001_000);

        var swapped = chain.ApplyDelivered(new Block(built.Header, [TestChain.Anchor(author, 2)]), 1);
        Assert.Equal(BlockApplyStatus.Rejected, swapped.Status);
        Assert.Equal(0, chain.Head.Height);

        var applied = chain.ApplyDelivered(built.ToBlock(), 2);
        Assert.Equal(BlockApplyStatus.Applied, applied.Status);
        Assert.Equal(built.Header.Hash, chain.Head.Hash);
        Assert.Equal(built.Execution.Receipts, applied.Committed!.Receipts);
    }
}
