using BenchmarkDotNet.Attributes;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Bench;

/// <summary>Ed25519 over a transaction-sized (200-byte) message with the transaction domain tag.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks : IDisposable
{
    private readonly byte[] _message = new byte[200];
    private SigningKey? _key;
    private Ed25519PublicKey _publicKey;
    private Ed25519Signature? _signature;

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_message);
        _key = SigningKey.FromSeed(new byte[SigningKey.SeedSize]);
        _publicKey = _key.PublicKey;
        _signature = _key.Sign(DomainTag.Transaction, _message);
    }

    [Benchmark]
    public Ed25519Signature Sign() => _key!.Sign(DomainTag.Transaction, _message);

    [Benchmark]
    public bool Verify() => _publicKey.Verify(DomainTag.Transaction, _message, _signature!);

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key?.Dispose();
            _key = null;
        }
    }
}
