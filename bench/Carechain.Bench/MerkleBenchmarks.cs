using BenchmarkDotNet.Attributes;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;

namespace Carechain.Bench;

/// <summary>
/// Proofs over a 1,000,000-leaf log held in <see cref="InMemoryMerkleNodes"/>, at random leaf indexes.
/// Each invocation handles <see cref="Batch"/> indexes, so the reported time is per proof.
/// </summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private const int LeafCount = 1_000_000;
    private const int Batch = 1024;

    private readonly InMemoryMerkleNodes _store = new();
    private readonly long[] _indexes = new long[Batch];
    private InclusionProof[] _proofs = [];
    private Hash256[] _leafHashes = [];
    private Hash256 _root;

    [GlobalSetup]
    public void Setup()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>();
        Span<byte> entry = stackalloc byte[8];
        for (long i = 0; i < LeafCount; i++)
        {
            BitConverter.TryWriteBytes(entry, i);
            completed.Clear();
            frontier.Append(MerkleHash.Leaf(entry), completed);
            foreach (var node in completed)
            {
                _store.Add(node);
            }
        }

        _root = frontier.Root;
        var random = new Random(42);
        for (var i = 0; i < Batch; i++)
        {
            _indexes[i] = random.NextInt64(LeafCount);
        }

        _proofs = [.. _indexes.Select(i => MerkleProofBuilder.Inclusion(_store, i, LeafCount))];
        _leafHashes = [.. _indexes.Select(i => _store.ReadNode(0, i))];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int InclusionProof()
    {
        var total = 0;
        foreach (var index in _indexes)
        {
            total += MerkleProofBuilder.Inclusion(_store, index, LeafCount).Path.Count;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int VerifyInclusion()
    {
        var valid = 0;
        for (var i = 0; i < Batch; i++)
        {
            valid += MerkleProofVerifier.VerifyInclusion(_leafHashes[i], _proofs[i], _root) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark]
    public Hash256 RootAtFullSize() => MerkleProofBuilder.RootAt(_store, LeafCount);
}
