using Carechain.Core.Crypto;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Production;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;
using Carechain.Modules;
using Carechain.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Carechain.Ledger.Tests.Replication;

/// <summary>
/// A leader that loses leadership with a block in flight drops none of the transactions it admitted:
/// they go back to its mempool and on to the new leader, except those the lost block committed after all.
/// </summary>
public sealed class ReplicatedBlockProducerTests : IDisposable
{
    private static readonly SigningKey Producer = SigningKey.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());

    private static readonly GenesisDocument Genesis = new(
        TestChain.ChainId,
        1_700_000_000_000,
        [new Organisation(OrganisationId.Parse("org1"), "Org 1", OrganisationKind.Hospital, [Producer.PublicKey], [Producer.PublicKey])],
        new GovernancePolicy(1, 100));

    private readonly TempDirectory _dir = new();
    private readonly LedgerStore _store;
    private readonly LedgerChain _chain;
    private readonly Mempool _mempool = new(1_000);
    private readonly TransactionAdmission _admission;
    private readonly ReplicatedLedger _ledger;
    private readonly ScriptedOrdering _ordering;
    private readonly RecordingHandoff _handoff = new();
    private readonly ReplicatedBlockProducer _producer;
    private readonly SigningKey _author = SigningKey.Generate();

    public ReplicatedBlockProducerTests()
    {
        _store = LedgerStore.Open(_dir.Path);
        _chain = LedgerChain.OpenMember(_store, ChainModules.Create(), Producer, Genesis, Genesis.UnsignedGenesisHeader(Producer.PublicKey).SignWith(Producer));
        _admission = new TransactionAdmission(_chain, _mempool);
        _ledger = new ReplicatedLedger(_chain, new CommitNotifier(), NullLogger<ReplicatedLedger>.Instance);
        _ordering = new ScriptedOrdering(_ledger);
        _producer = new ReplicatedBlockProducer(
            _chain, _mempool, _ledger, _ordering, _handoff, new ProducerOptions(), TimeProvider.System, NullLogger<ReplicatedBlockProducer>.Instance);
    }

    [Fact]
    public void A_requeued_batch_goes_back_ahead_of_what_was_admitted_since()
    {
        var first = Admit(1, 2, 3);
        var taken = _mempool.Take(10);
        Admit(4);

        _mempool.Requeue(taken);

        Assert.Equal([.. first.Select(t => t.Nonce), 4UL], _mempool.Take(10).Select(t => t.Nonce));
    }

    [Fact]
    public async Task Transactions_of_a_block_left_unordered_by_a_leadership_change_go_to_the_new_leader_in_nonce_order()
    {
        Admit(1, 2, 3);
        _ordering.LoseNext = false;

        await RunUntilAsync(() => _handoff.Received.Count == 3);

        Assert.Equal([1UL, 2UL, 3UL], _handoff.Received.Select(t => t.Nonce));
        Assert.Equal(0, _chain.Head.Height);
        Assert.Equal(0, _mempool.Count);
        Assert.Equal(AdmissionStatus.Accepted, _admission.Admit(TestChain.Anchor(_author, 1).Encoded).Status);
    }

    [Fact]
    public async Task Transactions_of_a_block_ordered_after_all_are_dropped_quietly_and_the_rest_handed_over()
    {
        var first = Admit(1, 2);
        _ordering.LoseNext = true;

        // The lost block held nonces 1 and 2; 3 and 4 come in after it is built.
        await RunUntilAsync(() => _chain.Head.Height == 1);
        Admit(3, 4);
        await RunUntilAsync(() => _handoff.Received.Count == 2);

        Assert.All(first, tx => Assert.True(_store.ContainsTransaction(tx.Id)));
        Assert.Equal([3UL, 4UL], _handoff.Received.Select(t => t.Nonce));
        Assert.Equal(0, _mempool.Count);
    }

    public void Dispose()
    {
        _author.Dispose();
        _store.Dispose();
        _dir.Dispose();
    }

    private List<Transaction> Admit(params ulong[] nonces)
    {
        var txs = nonces.Select(n => TestChain.Anchor(_author, n)).ToList();
        Assert.All(_admission.AdmitBatch([.. txs.Select(t => t.Encoded)]), r => Assert.Equal(AdmissionStatus.Accepted, r.Status));
        return txs;
    }

    /// <summary>Runs the producer until <paramref name="done"/> holds (or fails after 10 s).</summary>
    private async Task RunUntilAsync(Func<bool> done)
    {
        using var stop = new CancellationTokenSource();
        var run = _producer.RunAsync(stop.Token);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (!done() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await run;
        Assert.True(done(), "the producer did not get there in 10 s");
    }
}
