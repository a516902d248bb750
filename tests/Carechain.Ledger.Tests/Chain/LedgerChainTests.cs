using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Testing;

namespace Carechain.Ledger.Tests.Chain;

public class LedgerChainTests
{
    [Fact]
    public void Committed_block_links_to_its_parent_and_is_signed()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        var genesis = chain.Chain.Head;
        using var author = SigningKey.Generate();
        Assert.Equal(AdmissionStatus.Accepted, chain.Submit(TestChain.Anchor(author, 1)).Status);

        var block = chain.CommitPending();

        Assert.Equal(1, block.Header.Height);
        Assert.Equal(genesis.Hash, block.Header.PreviousHash);
        Assert.True(block.Header.HasValidSignature());
        Assert.Equal(1, block.Header.LogSize);
        Assert.Equal(ReceiptStatus.Success, Assert.Single(block.Receipts).Status);
    }

    [Fact]
    public void Restart_resumes_at_the_committed_head_with_the_same_log()
    {
        using var dir = new TempDirectory();
        var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        for (ulong n = 1; n <= 30; n++)
        {
            chain.Submit(TestChain.Anchor(author, n));
            if (n % 7 == 0)
            {
                chain.CommitPending();
            }
        }

        chain.CommitPending();
        var head = chain.Chain.Head;
        chain = chain.Reopen();
        using (chain)
        {
            Assert.Equal(head, chain.Chain.Head);
            Assert.Equal(head.LogRoot, chain.Chain.LogRootAt(head.LogSize));
            Assert.Equal(AdmissionStatus.Accepted, chain.Submit(TestChain.Anchor(author, 31)).Status);
            var next = chain.CommitPending();
            Assert.Equal(head.Hash, next.Header.PreviousHash);
        }
    }

    [Fact]
    public void Inclusion_and_consistency_proofs_verify_against_checkpoint_roots()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        var ids = new List<Carechain.Ledger.Transactions.TxId>();
        for (ulong n = 1; n <= 25; n++)
        {
            var tx = TestChain.Anchor(author, n);
            ids.Add(tx.Id);
            chain.Submit(tx);
            if (n % 4 == 0)
            {
                chain.CommitPending();
            }
        }

        chain.CommitPending();
        var early = chain.Chain.LogRootAt(9)!.Value;
        var checkpoint = chain.Chain.SignCheckpoint();
        Assert.True(checkpoint.HasValidSignature());
        foreach (var id in ids)
        {
            var proof = chain.Chain.ProveInclusion(id, null)!;
            Assert.True(MerkleProofVerifier.VerifyInclusion(MerkleHash.Leaf(id.Hash.ToArray()), proof, checkpoint.LogRoot));
        }

        var consistency = chain.Chain.ProveConsistency(9, checkpoint.LogSize)!;
        Assert.True(MerkleProofVerifier.VerifyConsistency(consistency, early, checkpoint.LogRoot));
        Assert.Null(chain.Chain.ProveInclusion(ids[20], 9));
        Assert.Null(chain.Chain.ProveConsistency(9, checkpoint.LogSize + 1));
    }

    [Fact]
    public void State_commitment_differs_when_any_write_differs()
    {
        using var dirA = new TempDirectory();
        using var dirB = new TempDirectory();
        using var a = TestChain.Create(dirA.Path);
        using var b = TestChain.Create(dirB.Path);
        using var author = SigningKey.Generate();
        a.Submit(TestChain.Anchor(author, 1, "label-one"));
        b.Submit(TestChain.Anchor(author, 1, "label-two"));

        Assert.NotEqual(a.CommitPending().Header.StateCommitment, b.CommitPending().Header.StateCommitment);
    }

    [Fact]
    public void Rejected_transaction_consumes_its_nonce_and_changes_nothing_else()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var alice = SigningKey.Generate();
        using var bob = SigningKey.Generate();
        var first = TestChain.Anchor(alice, 1, "same");
        chain.Submit(first);
        chain.CommitPending();

        // Bob anchors the very same document hash: refused, as proof of existence belongs to the first.
        var hash = Modules.Notary.AnchorRequest.Decode(first.Payload.Span).DocumentHash;
        var copy = Carechain.Ledger.Transactions.Transaction.Create(bob, TestChain.ChainId, 1, "notary", "anchor", new Modules.Notary.AnchorRequest(hash, "copy", "text/plain").Encode());
        chain.Submit(copy);
        var block = chain.CommitPending();

        var receipt = Assert.Single(block.Receipts);
        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        Assert.Equal("already_anchored", receipt.ErrorCode);
        Assert.Equal(1UL, BlockExecutor.ReadNonce(chain.Store, bob.PublicKey));
        Assert.Equal(alice.PublicKey, Modules.Notary.NotaryModule.Find(new Ledger.State.ModuleStateReader(chain.Store, "notary"), hash)!.Author);
    }

    [Fact]
    public void Genesis_of_another_chain_id_gives_another_genesis_hash()
    {
        using var dirA = new TempDirectory();
        using var a = TestChain.Create(dirA.Path);
        var other = new Ledger.Genesis.GenesisDocument("other-chain", a.Chain.Genesis.TimestampMs, a.Chain.Genesis.Organisations, a.Chain.Genesis.Policy);
        var otherHeader = other.UnsignedGenesisHeader(a.ProducerKey.PublicKey).SignWith(a.ProducerKey);
        Assert.NotEqual(a.Chain.Head.Hash, otherHeader.Hash);
        Assert.NotEqual(Hash256.Zero, otherHeader.StateCommitment);
    }
}
