using System.Text;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Notary;

namespace Carechain.Testing;

/// <summary>
/// A real transaction log for proof tests: signed notary transactions appended through
/// <see cref="MerkleFrontier"/> into <see cref="InMemoryMerkleNodes"/>, and checkpoints signed by a
/// real node key. Proofs for any prefix of the log come from <see cref="MerkleProofBuilder"/>, exactly
/// as a node builds them. Read-only after construction.
/// </summary>
public sealed class TestLedger : IDisposable
{
    public const string ChainId = "carechain-test";

    private readonly InMemoryMerkleNodes _nodes = new();
    private readonly List<TxId> _txIds = [];

    public TestLedger(int size)
    {
        NodeKey = SigningKey.Generate();
        using var author = SigningKey.Generate();
        var completed = new List<MerkleNode>();
        var frontier = new MerkleFrontier();
        for (var i = 0; i < size; i++)
        {
            var payload = new AnchorRequest(Hash256.Sha256(Encoding.UTF8.GetBytes($"document {i}")), $"doc {i}", "text/plain").Encode();
            var transaction = Transaction.Create(author, ChainId, (ulong)i + 1, NotaryModule.ModuleName, AnchorRequest.Operation, payload);
            _txIds.Add(transaction.Id);
            completed.Clear();
            frontier.Append(MerkleHash.Leaf(transaction.Id.Hash.ToArray()), completed);
            completed.ForEach(_nodes.Add);
        }
    }

    public SigningKey NodeKey { get; }

    public IReadOnlyList<TxId> TxIds => _txIds;

    public long Size => _txIds.Count;

    /// <summary>A checkpoint of the first <paramref name="logSize"/> transactions, signed by <paramref name="signer"/> (the node key by default).</summary>
    public CheckpointDto CheckpointAt(long logSize, SigningKey? signer = null, string chainId = ChainId) =>
        ContractMapping.ToDto(Checkpoint.Sign(
            chainId, logSize, HeaderHash(logSize), MerkleProofBuilder.RootAt(_nodes, logSize), logSize, signer ?? NodeKey));

    /// <summary>The proof file <c>carechain anchor</c> would write for transaction <paramref name="index"/> at log size <paramref name="treeSize"/>.</summary>
    public ProofFile ProofFor(int index, long treeSize, long? bridgeTo = null)
    {
        var inclusion = ContractMapping.ToDto(_txIds[index], MerkleProofBuilder.Inclusion(_nodes, index, treeSize));
        var consistency = bridgeTo is { } to ? ContractMapping.ToDto(MerkleProofBuilder.Consistency(_nodes, treeSize, to)) : null;
        return new ProofFile(ProofFile.FormatName, ProofFile.CurrentVersion, inclusion, CheckpointAt(treeSize), consistency);
    }

    public InclusionProofDto InclusionFor(int index, long treeSize) =>
        ContractMapping.ToDto(_txIds[index], MerkleProofBuilder.Inclusion(_nodes, index, treeSize));

    public ConsistencyProofDto ConsistencyBetween(long fromSize, long toSize) =>
        ContractMapping.ToDto(MerkleProofBuilder.Consistency(_nodes, fromSize, toSize));

    public void Dispose() => NodeKey.Dispose();

    private static Hash256 HeaderHash(long height) => Hash256.Sha256(Encoding.UTF8.GetBytes($"header {height}"));
}
