using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Transactions;
using Carechain.Modules;
using Carechain.Modules.Notary;

namespace Carechain.Testing;

/// <summary>
/// A real chain on a real RocksDB store in a temp folder, with the production modules, a
/// mempool and admission: blocks are committed synchronously by <see cref="CommitPending"/>.
/// </summary>
public sealed class TestChain : IDisposable
{
    public const string ChainId = "carechain-test";

    private readonly SigningKey _producer;
    private readonly GenesisDocument? _genesis;
    private long _clock = 1_700_000_000_000;

    private TestChain(string path, SigningKey producer, GenesisDocument? genesis)
    {
        _producer = producer;
        _genesis = genesis;
        Path = path;
        Store = LedgerStore.Open(path);
        Chain = LedgerChain.Open(Store, ChainModules.Create(), producer, () => genesis ?? GenesisDocument.SingleNode(ChainId, _clock, producer.PublicKey));
        Mempool = new Mempool(100_000);
        Admission = new TransactionAdmission(Chain, Mempool);
    }

    public string Path { get; }

    public LedgerStore Store { get; }

    public LedgerChain Chain { get; }

    public Mempool Mempool { get; }

    public TransactionAdmission Admission { get; }

    public SigningKey ProducerKey => _producer;

    /// <summary>
    /// A chain whose genesis is <paramref name="genesis"/> (one of whose node keys must be <paramref name="producer"/>),
    /// or by default a single-node dev genesis for the producer.
    /// </summary>
    public static TestChain Create(string path, SigningKey? producer = null, GenesisDocument? genesis = null) =>
        new(path, producer ?? SigningKey.FromSeed(new byte[32]), genesis);

    /// <summary>Reopens the same store, as a restarted node would.</summary>
    public TestChain Reopen()
    {
        Dispose();
        return new TestChain(Path, _producer, _genesis);
    }

    /// <summary>Moves the block clock on, as if the chain had been idle for <paramref name="idle"/>.</summary>
    public void Advance(TimeSpan idle) => _clock += (long)idle.TotalMilliseconds;

    public CommittedBlock CommitPending()
    {
        var batch = Mempool.Take(int.MaxValue);
        _clock += 1000;
        var block = Chain.Commit(batch, _clock);
        Mempool.Release(batch);
        return block;
    }

    public AdmissionResult Submit(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return Admission.Admit(tx.Encoded);
    }

    public static Transaction Anchor(SigningKey author, ulong nonce, string label = "doc", string chainId = ChainId)
    {
        var hash = Hash256.Sha256(BitConverter.GetBytes(nonce).Concat(author.PublicKey.ToArray()).Concat(System.Text.Encoding.UTF8.GetBytes(label)).ToArray());
        return Transaction.Create(author, chainId, nonce, NotaryModule.ModuleName, AnchorRequest.Operation, new AnchorRequest(hash, label, "text/plain").Encode());
    }

    public void Dispose() => Store.Dispose();
}
