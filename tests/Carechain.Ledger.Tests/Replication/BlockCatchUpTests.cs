using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Storage;
using Carechain.Modules;
using Carechain.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Carechain.Ledger.Tests.Replication;

/// <summary>
/// A member catching up from peers validates every fetched block as a delivered block: a tampered
/// block is refused, nothing of it is stored, its peer is refused for a while and another peer is used.
/// </summary>
public sealed class BlockCatchUpTests : IDisposable
{
    private const int Height = 12;
    private const long Tampered = 7;

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

    private readonly TempDirectory _peerDir = new();
    private readonly TempDirectory _memberDir = new();
    private readonly LedgerStore _peerStore;
    private readonly LedgerStore _memberStore;
    private readonly LedgerChain _peer;
    private readonly LedgerChain _member;
    private readonly ReplicatedLedger _ledger;

    public BlockCatchUpTests()
    {
        _peerStore = LedgerStore.Open(_peerDir.Path);
        _memberStore = LedgerStore.Open(_memberDir.Path);
        _peer = LedgerChain.OpenMember(_peerStore, ChainModules.Create(), Producer, Genesis, GenesisBlock);
        _member = LedgerChain.OpenMember(_memberStore, ChainModules.Create(), Other, Genesis, GenesisBlock);
        _ledger = new ReplicatedLedger(_member, new CommitNotifier(), NullLogger<ReplicatedLedger>.Instance);
        using var author = SigningKey.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
        ulong nonce = 0;
        for (var h = 1; h <= Height; h++)
        {
            var built = _peer.Build([TestChain.Anchor(author, ++nonce), TestChain.Anchor(author, ++nonce)], 1_700_000_000_000 + (h * 1000));
            Assert.Equal(BlockApplyStatus.Applied, _peer.ApplyDelivered(built.ToBlock(), h).Status);
        }
    }

    public static TheoryData<string> Tamperings => ["bad signature", "wrong parent", "altered transaction", "state commitment mismatch"];

    [Fact]
    public async Task A_member_with_only_block_0_fetches_every_block_and_reaches_the_peers_head_and_commitment()
    {
        var catchUp = CatchUp(new ChainBlockSource("honest", _peer));

        var applied = await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.Equal(Height, applied);
        Assert.Equal(_peer.Head.Hash, _member.Head.Hash);
        Assert.Equal(_peer.Head.StateCommitment, _member.Head.StateCommitment);
        Assert.Equal(_peer.ReadBlock(5)!.Encode(), _member.ReadBlock(5)!.Encode());

        // The consensus index is left alone: Raft still resumes delivery where it stopped.
        Assert.Equal(0, _memberStore.ReadOrderingIndex());
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_block_is_refused_and_nothing_of_it_is_stored(string tampering)
    {
        var liar = new ChainBlockSource("liar", _peer, Tamper(tampering), Tampered);
        var catchUp = CatchUp(liar);

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.Equal(Tampered - 1, _member.Head.Height);
        Assert.Equal(_peer.ReadBlock(Tampered - 1)!.Header.Hash, _member.Head.Hash);
        Assert.Null(_memberStore.ReadBlock(Tampered));
        Assert.Null(_memberStore.FindHeight(Tamper(tampering)(_peer.ReadBlock(Tampered)!).Header.Hash));
        Assert.True(catchUp.IsRefused("liar"));

        // A refused peer is not asked again while its pause lasts.
        var requests = liar.BatchRequests;
        await catchUp.CatchUpAsync(CancellationToken.None);
        Assert.Equal(requests, liar.BatchRequests);
        Assert.Equal(Tampered - 1, _member.Head.Height);
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task After_refusing_a_tampered_block_the_member_takes_the_block_from_another_peer(string tampering)
    {
        var catchUp = CatchUp(new ChainBlockSource("liar", _peer, Tamper(tampering), Tampered), new ChainBlockSource("honest", _peer));

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.True(catchUp.IsRefused("liar"));
        Assert.False(catchUp.IsRefused("honest"));
        Assert.Equal(_peer.Head.Hash, _member.Head.Hash);
        Assert.Equal(_peer.Head.StateCommitment, _member.Head.StateCommitment);
        Assert.Equal(_peer.ReadBlock(Tampered)!.Header.Hash, _member.ReadBlock(Tampered)!.Header.Hash);
    }

    [Fact]
    public async Task A_refused_peer_is_asked_again_once_its_pause_is_over()
    {
        var clock = new ShiftedClock();
        var liar = new ChainBlockSource("liar", _peer, Tamper("bad signature"), Tampered);
        var catchUp = new BlockCatchUp(_ledger, _member, [liar], clock, NullLogger<BlockCatchUp>.Instance) { BadPeerPause = TimeSpan.FromMinutes(1) };
        await catchUp.CatchUpAsync(CancellationToken.None);
        Assert.True(catchUp.IsRefused("liar"));

        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(catchUp.IsRefused("liar"));
        var requests = liar.BatchRequests;
        await catchUp.CatchUpAsync(CancellationToken.None);
        Assert.True(liar.BatchRequests > requests);
        Assert.True(catchUp.IsRefused("liar"));
    }

    [Fact]
    public async Task An_unreachable_peer_is_skipped_without_being_refused()
    {
        var down = new ChainBlockSource("down", _peer) { Unreachable = true };
        var catchUp = CatchUp(down, new ChainBlockSource("honest", _peer));

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.False(catchUp.IsRefused("down"));
        Assert.Equal(_peer.Head.Hash, _member.Head.Hash);
    }

    [Fact]
    public async Task A_batch_that_does_not_decode_is_refused()
    {
        var catchUp = CatchUp(new GarbageSource(), new ChainBlockSource("honest", _peer));

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.True(catchUp.IsRefused("garbage"));
        Assert.Equal(_peer.Head.Hash, _member.Head.Hash);
    }

    [Theory]
    [InlineData(Height)]
    [InlineData(3)]
    public async Task A_peer_serving_a_valid_chain_that_is_not_the_certified_one_is_refused_and_the_certified_chain_is_fetched(long certifiedHeight)
    {
        // A peer holding a producer key builds its own valid chain from block 1 on, and serves the
        // honest chain's certificate as if it were its own.
        using var forkDir = new TempDirectory();
        using var forkStore = LedgerStore.Open(forkDir.Path);
        var fork = LedgerChain.OpenMember(forkStore, ChainModules.Create(), Producer, Genesis, GenesisBlock);
        using var author = SigningKey.FromSeed(Enumerable.Repeat((byte)10, 32).ToArray());
        for (var h = 1; h <= Height; h++)
        {
            var built = fork.Build([TestChain.Anchor(author, (ulong)h, "fork")], 1_700_000_000_000 + (h * 1000));
            Assert.Equal(BlockApplyStatus.Applied, fork.ApplyDelivered(built.ToBlock(), h).Status);
        }

        var certificate = Certify(_peer.ReadBlock(certifiedHeight)!.Header, Producer, Other);
        var liar = new ChainBlockSource("liar", fork) { Certificate = certificate };
        var honest = new ChainBlockSource("honest", _peer) { Certificate = certificate };
        var catchUp = CatchUp(liar, honest);

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.True(catchUp.IsRefused("liar"));
        Assert.Equal(certifiedHeight, catchUp.CertifiedHeight);
        Assert.Equal(_peer.Head.Hash, _member.Head.Hash);
        Assert.Null(_memberStore.FindHeight(fork.ReadBlock(1)!.Header.Hash));
    }

    [Fact]
    public async Task A_peer_answering_fewer_blocks_than_asked_still_serves_the_certified_chain()
    {
        var honest = new ChainBlockSource("honest", _peer) { Certificate = Certify(_peer.Head, Producer, Other), MaxPerAnswer = 3 };
        var catchUp = CatchUp(honest);

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.Equal(Height, catchUp.CertifiedHeight);
        Assert.False(catchUp.IsRefused("honest"));
        Assert.Equal(_peer.Head.Hash, _member.Head.Hash);
    }

    [Fact]
    public async Task A_certificate_below_quorum_pins_nothing_and_blames_nobody()
    {
        var honest = new ChainBlockSource("honest", _peer) { Certificate = Certify(_peer.ReadBlock(5)!.Header, Other) };
        var catchUp = CatchUp(honest);

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.Null(catchUp.CertifiedHeight);
        Assert.False(catchUp.IsRefused("honest"));
        Assert.Equal(_peer.Head.Hash, _member.Head.Hash);
    }

    [Fact]
    public async Task While_it_fetches_a_member_says_which_peer_height_it_catches_up_to_and_afterwards_that_it_does_not()
    {
        var catchUp = default(BlockCatchUp);
        var seen = new List<(long Head, long? Target)>();
        var source = new ObservingSource(new ChainBlockSource("honest", _peer), () => seen.Add((_member.Head.Height, catchUp!.CatchingUpTo)));
        catchUp = CatchUp(source);
        Assert.Null(catchUp.CatchingUpTo);

        await catchUp.CatchUpAsync(CancellationToken.None);

        Assert.Equal(Height / 4, seen.Count);
        Assert.All(seen, s => Assert.Equal(Height, s.Target));
        Assert.Equal(0, seen[0].Head);
        Assert.Null(catchUp.CatchingUpTo);
    }

    public void Dispose()
    {
        _peerStore.Dispose();
        _memberStore.Dispose();
        _peerDir.Dispose();
        _memberDir.Dispose();
    }

    private BlockCatchUp CatchUp(params IBlockSource[] sources) =>
        new(_ledger, _member, sources, TimeProvider.System, NullLogger<BlockCatchUp>.Instance) { BatchSize = 4 };

    private static CheckpointCertificate Certify(BlockHeader header, params SigningKey[] signers)
    {
        var statement = CheckpointStatement.Of(TestChain.ChainId, header, new NodeSet(Genesis.Producers));
        return new(statement, [.. signers.Select(k => CheckpointAttestation.Sign(statement, k)).Select(a => new CheckpointSignature(a.Signer, a.Signature))]);
    }

    private static Func<Block, Block> Tamper(string tampering) => tampering switch
    {
        // The producer's signature no longer covers the header.
        "bad signature" => b => b with { Header = b.Header with { TimestampMs = b.Header.TimestampMs + 1 } },

        // Signed by a genesis producer, but not on the block before it.
        "wrong parent" => b => b with { Header = (b.Header with { PreviousHash = Hash256.Sha256([1]) }).SignWith(Producer) },

        // The header is genuine; one transaction is swapped for another validly signed one.
        "altered transaction" => b => b with
        {
            Transactions = [TestChain.Anchor(Other, 1, "swapped"), .. b.Transactions.Skip(1)],
        },

        // Signed by a genesis producer, but its state commitment is not what executing it gives.
        "state commitment mismatch" => b => b with { Header = (b.Header with { StateCommitment = Hash256.Sha256([2]) }).SignWith(Producer) },
        _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
    };

    /// <summary>A peer that runs <c>observe</c> before it answers each request for blocks.</summary>
    private sealed class ObservingSource(IBlockSource inner, Action observe) : IBlockSource
    {
        public string Name => inner.Name;

        public Task<long> GetHeadHeightAsync(CancellationToken cancellationToken) => inner.GetHeadHeightAsync(cancellationToken);

        public Task<PeerCertificate?> GetLatestCertificateAsync(CancellationToken cancellationToken) => inner.GetLatestCertificateAsync(cancellationToken);

        public Task<byte[]> GetBlockBatchAsync(long fromHeight, int max, CancellationToken cancellationToken)
        {
            observe();
            return inner.GetBlockBatchAsync(fromHeight, max, cancellationToken);
        }
    }

    /// <summary>A peer whose answer is not a block batch.</summary>
    private sealed class GarbageSource : IBlockSource
    {
        public string Name => "garbage";

        public Task<long> GetHeadHeightAsync(CancellationToken cancellationToken) => Task.FromResult(100L);

        public Task<PeerCertificate?> GetLatestCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<PeerCertificate?>(null);

        public Task<byte[]> GetBlockBatchAsync(long fromHeight, int max, CancellationToken cancellationToken) => Task.FromResult(new byte[] { 5, 1, 2 });
    }
}
