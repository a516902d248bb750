using System.Diagnostics;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using NSec.Cryptography;

namespace Carechain.Cli.Bench;

/// <summary>
/// The baseline: raw Ed25519 verifications per second on all cores, straight through NSec with
/// pre-imported keys: the most a node could verify if it did nothing else.
/// </summary>
internal static class SignatureBaseline
{
    public static double Measure(TimeSpan duration)
    {
        const int Samples = 1024;
        var keys = new PublicKey[Samples];
        var messages = new byte[Samples][];
        var signatures = new byte[Samples][];
        for (var i = 0; i < Samples; i++)
        {
            using var key = SigningKey.Generate();
            var body = new byte[200];
            BitConverter.TryWriteBytes(body, i);
            messages[i] = DomainHash.SigningMessage(DomainTag.Transaction, body);
            signatures[i] = key.Sign(DomainTag.Transaction, body).Bytes.ToArray();
            keys[i] = PublicKey.Import(SignatureAlgorithm.Ed25519, key.PublicKey.ToArray(), KeyBlobFormat.RawPublicKey);
        }

        long total = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            long local = 0;
            while (clock.Elapsed < duration)
            {
                for (var i = 0; i < Samples; i++)
                {
                    if (!SignatureAlgorithm.Ed25519.Verify(keys[i], messages[i], signatures[i]))
                    {
                        throw new InvalidOperationException("A baseline signature failed to verify.");
                    }
                }

                local += Samples;
            }

            Interlocked.Add(ref total, local);
        });
        return total / clock.Elapsed.TotalSeconds;
    }
}
