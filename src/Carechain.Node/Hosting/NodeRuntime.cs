using Carechain.Core.Crypto;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Production;
using Carechain.Ledger.Storage;
using Carechain.Modules;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Hosting;

/// <summary>
/// The ledger parts of one running node, wired together: store, chain, mempool, admission,
/// commit notifications and the solo producer. Disposing closes the store cleanly.
/// </summary>
public sealed class NodeRuntime : IDisposable
{
    private readonly SigningKey _nodeKey;

    private NodeRuntime(NodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _nodeKey = DevNodeKey.LoadOrCreate(options.DataDirectory);
        Store = LedgerStore.Open(Path.Combine(options.DataDirectory, "ledger"));
        try
        {
            Chain = LedgerChain.Open(
                Store,
                ChainModules.Create(),
                _nodeKey,
                () => GenesisDocument.SingleNode(options.ChainId, time.GetUtcNow().ToUnixTimeMilliseconds(), _nodeKey.PublicKey));
        }
        catch
        {
            Store.Dispose();
            throw;
        }

        Mempool = new Mempool(options.Producer.MempoolCapacity);
        Notifier = new CommitNotifier();
        Admission = new TransactionAdmission(Chain, Mempool);
        Producer = new SoloBlockProducer(Chain, Mempool, Notifier, options.Producer, time, loggers.CreateLogger<SoloBlockProducer>());
    }

    public LedgerStore Store { get; }

    public LedgerChain Chain { get; }

    public Mempool Mempool { get; }

    public CommitNotifier Notifier { get; }

    public TransactionAdmission Admission { get; }

    public SoloBlockProducer Producer { get; }

    public static NodeRuntime Open(NodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NodeRuntime(options, time, loggers);
    }

    public void Dispose()
    {
        Store.Dispose();
        _nodeKey.Dispose();
    }
}
