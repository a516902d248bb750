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
    private long _clock = 1_700_000_000_000;

    private TestChain(string path, SigningKey producer)
    {
        _producer = producer;
        Path = path;
        Store = LedgerStore.Open(path);
        Chain = LedgerChain.Open(Store, ChainModules.Create(), producer, () => new GenesisDocument(ChainId, _clock, [producer.PublicKey]));
        Mempool = new Mempool(100_000);
        Admission = new TransactionAdmission(Chain, Mempool);
    }

    public string Path { get; }

    public LedgerStore Store { get; }

    public LedgerChain Chain { get; }

    public Mempool Mempool { get; }

    public TransactionAdmission Admission { get; }

    public SigningKey ProducerKey => _producer;

    public static TestChain Create(string path, SigningKey? producer = null) => new(path, producer ?? SigningKey.FromSeed(new byte[32]));

    /// <summary>Reopens the same store, as a restarted node would.</summary>
    public TestChain Reopen()
    {
        Dispose();
        return new TestChain(Path, _producer);
    }

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
