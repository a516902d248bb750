using Carechain.Core.Crypto;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Production;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Storage;
using Carechain.Modules;
using Carechain.Modules.Governance;
using Carechain.Node.Certification;
using Carechain.Node.Records;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Hosting;

/// <summary>
/// The ledger parts of one running node, wired together: store, chain, mempool, admission,
/// commit notifications, and either the solo producer (dev node) or the consortium membership
/// (Raft member). Disposing closes the store cleanly.
/// </summary>
public sealed class NodeRuntime : IDisposable
{
    private readonly SigningKey _nodeKey;
    private readonly HeadPermissions _permissions;

    private NodeRuntime(NodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var consortium = options.Consortium;
        _nodeKey = consortium?.NodeKey ?? DevNodeKey.LoadOrCreate(options.DataDirectory);
        DataDirectory = options.DataDirectory;
        ProducerOptions = options.Producer;
        Directory.CreateDirectory(options.DataDirectory);
        Store = LedgerStore.Open(Path.Combine(options.DataDirectory, "ledger"));
        try
        {
            Store.AttachIndex(RecordHeads);
            Chain = consortium is null
                ? LedgerChain.Open(
                    Store,
                    ChainModules.Create(),
                    _nodeKey,
                    () => GenesisDocument.SingleNode(options.ChainId, time.GetUtcNow().ToUnixTimeMilliseconds(), _nodeKey.PublicKey))
                : LedgerChain.OpenMember(Store, ChainModules.Create(), _nodeKey, consortium.Genesis, consortium.GenesisHeader);
        }
        catch
        {
            Store.Dispose();
            throw;
        }

        _permissions = new HeadPermissions(Chain);
        Mempool = new Mempool(options.Producer.MempoolCapacity);
        Notifier = new CommitNotifier();
        Admission = new TransactionAdmission(Chain, Mempool);
        if (consortium is null)
        {
            Producer = new SoloBlockProducer(Chain, Mempool, Notifier, options.Producer, time, loggers.CreateLogger<SoloBlockProducer>());
        }
        else
        {
            var ledger = new ReplicatedLedger(Chain, Notifier, loggers.CreateLogger<ReplicatedLedger>());
            Membership = new ConsortiumMembership(consortium, ledger);
            CatchUp = new BlockCatchUp(ledger, Chain, Membership.PeerSources(), time, loggers.CreateLogger<BlockCatchUp>())
            {
                BadPeerPause = consortium.BadPeerPause,
            };
            Certifier = new CheckpointCertifier(Chain, _nodeKey, consortium.CertificateInterval, ledger, time, loggers.CreateLogger<CheckpointCertifier>());
        }
    }

    public string DataDirectory { get; }

    /// <summary>This node's own key: it signs the node's access events and keys its bearer tokens.</summary>
    internal SigningKey NodeKey => _nodeKey;

    public ProducerOptions ProducerOptions { get; }

    public LedgerStore Store { get; }

    /// <summary>Record heads by custodian, patient and type, kept with every block (FHIR search reads it).</summary>
    public RecordHeadsIndex RecordHeads { get; } = new();

    public LedgerChain Chain { get; }

    /// <summary>
    /// Who may do what at the committed head, each key's standing read once per block (see
    /// <see cref="HeadPermissions"/>); what the chain will check again when a transaction executes.
    /// </summary>
    public Permissions PermissionsAtHead() => _permissions.Current();

    public Mempool Mempool { get; }

    public CommitNotifier Notifier { get; }

    public TransactionAdmission Admission { get; }

    /// <summary>The solo producer of a dev node; null on a consortium member.</summary>
    public SoloBlockProducer? Producer { get; }

    /// <summary>The consortium view of a Raft member; null on a dev node.</summary>
    public ConsortiumMembership? Membership { get; }

    /// <summary>Fetches and validates the blocks a Raft member lacks from its peers; null on a dev node.</summary>
    public BlockCatchUp? CatchUp { get; }

    /// <summary>The checkpoint certification of a Raft member; null on a dev node.</summary>
    public CheckpointCertifier? Certifier { get; }

    /// <summary>Why this node has stopped committing blocks, as a stable code and a detail; null while it commits.</summary>
    public (string Code, string Detail)? Stopped =>
        Membership?.Ledger switch
        {
            { Divergence: { } reason } => (Api.ApiProblem.Diverged, $"this node's state diverged from the consortium's and it stopped committing: {reason}"),
            { Fault: not null } => (Api.ApiProblem.ProducerStopped, "this node's store failed and it stopped committing; see its log"),
            _ when Producer?.Fault is not null => (Api.ApiProblem.ProducerStopped, "this node has stopped committing blocks; see its log"),
            _ => null,
        };

    public static NodeRuntime Open(NodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NodeRuntime(options, time, loggers);
    }

    public void Dispose()
    {
        Membership?.Dispose();
        Store.Dispose();
        _nodeKey.Dispose();
    }
}
