using BenchmarkDotNet.Attributes;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Bench;

/// <summary>
/// Canonical encode then decode of a small record shaped like a transaction header: version, nonce,
/// sender key, payload hash, short label and a flag. The writer is reused, as a node would.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly CanonicalWriter _writer = new();
    private Ed25519PublicKey _sender;
    private Hash256 _payload;

    [GlobalSetup]
    public void Setup()
    {
        using var key = SigningKey.FromSeed(new byte[SigningKey.SeedSize]);
        _sender = key.PublicKey;
        _payload = Hash256.Sha256("payload"u8);
    }

    [Benchmark]
    public ulong WriteAndReadSmallRecord()
    {
        _writer.Clear();
        _writer.Byte(1).VarUInt(123_456_789).Key(_sender).Hash(_payload).Text("observation/blood-pressure").Bool(true);

        var reader = new CanonicalReader(_writer.WrittenSpan);
        reader.Version("record", 1);
        var nonce = reader.VarUInt();
        var sender = reader.Key("sender");
        var payload = reader.Hash("payload");
        var label = reader.Text(64, "label");
        var flag = reader.Bool();
        reader.End("record");

        // Consume every field so the JIT cannot drop the decode.
        return nonce ^ sender.P0 ^ payload.P0 ^ (ulong)label.Length ^ (flag ? 1UL : 0UL);
    }
}
