using BenchmarkDotNet.Attributes;
using Carechain.Core.Hashing;

namespace Carechain.Bench;

/// <summary>Domain-separated SHA-256 of a transaction-sized (200-byte) message.</summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private readonly byte[] _data = new byte[200];

    [GlobalSetup]
    public void Setup() => new Random(42).NextBytes(_data);

    [Benchmark]
    public Hash256 DomainHashOf200Bytes() => DomainHash.Of(DomainTag.Transaction, _data);
}
