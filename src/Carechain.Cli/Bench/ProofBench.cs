using System.Diagnostics;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;

namespace Carechain.Cli.Bench;

/// <summary>Inclusion-proof generation on all cores, over an in-memory node set or the node's RocksDB store.</summary>
internal static class ProofBench
{
    public static InMemoryMerkleNodes BuildLog(int leaves)
    {
        var nodes = new InMemoryMerkleNodes();
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>(64);
        Span<byte> entry = stackalloc byte[8];
        for (var i = 0; i < leaves; i++)
        {
            BitConverter.TryWriteBytes(entry, (long)i);
            frontier.Append(MerkleHash.Leaf(entry), completed);
            foreach (var node in completed)
            {
                nodes.Add(node);
            }

            completed.Clear();
        }

        return nodes;
    }

    public static double Measure(IMerkleNodeReader reader, long size, Hash256 expectedRoot, TimeSpan duration)
    {
        // Check once that the proofs are real before timing them.
        var sample = MerkleProofBuilder.Inclusion(reader, size / 3, size);
        if (sample.Path.Count == 0 || MerkleProofBuilder.RootAt(reader, size) != expectedRoot)
        {
            throw new InvalidOperationException("The proof bench's log does not match its root.");
        }

        long total = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            var random = new Random(worker);
            long local = 0;
            while (clock.Elapsed < duration)
            {
                for (var i = 0; i < 256; i++)
                {
                    MerkleProofBuilder.Inclusion(reader, random.NextInt64(size), size);
                }

                local += 256;
            }

            Interlocked.Add(ref total, local);
        });
        return total / clock.Elapsed.TotalSeconds;
    }
}
