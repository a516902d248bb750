using System.Text;
using BenchmarkDotNet.Attributes;
using Carechain.Core.Crypto;
using Carechain.Vault;
using Carechain.Vault.Crypto;
using Carechain.Vault.Envelope;
using Carechain.Vault.Postgres;
using Carechain.Vault.Records;
using Carechain.Vault.Rocks;
using Carechain.Vault.Storage;

namespace Carechain.Bench;

/// <summary>
/// Vault writes: sealing a ~2 KB FHIR resource (fresh data key, two wraps, encryption), and seal plus a
/// durable put of a new record, per backend. PostgreSQL is measured when CARECHAIN_VAULT_POSTGRES is set
/// (scripts/postgres.sh prints one); it writes into its own schema, dropped afterwards.
/// </summary>
[MemoryDiagnoser]
public class VaultBenchmarks
{
    private const string BenchSchema = "carechain_vault_bench";

    private readonly byte[] _resource = Encoding.UTF8.GetBytes(
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"note\":[{\"text\":\"" + new string('x', 1900) + "\"}]}");

    private SigningKey? _patient;
    private CustodianKey? _custodian;
    private IVaultStore? _store;
    private string? _rocksPath;
    private long _next;

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "rocksdb";

    public static IEnumerable<string> Backends()
    {
        yield return "rocksdb";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(VaultStores.PostgresConnectionVariable)))
        {
            yield return "postgres";
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _patient = SigningKey.Generate();
        using (var vaultKey = SigningKey.Generate())
        {
            _custodian = CustodianKey.FromSigningKey(vaultKey);
        }

        if (Backend == "postgres")
        {
            var options = new PostgresVaultOptions(Environment.GetEnvironmentVariable(VaultStores.PostgresConnectionVariable)!, BenchSchema);
            _store = PostgresVaultStore.OpenAsync(options).GetAwaiter().GetResult();
        }
        else
        {
            _rocksPath = Path.Combine(Path.GetTempPath(), "carechain-bench-vault-" + Path.GetRandomFileName());
            _store = RocksVaultStore.Open(_rocksPath);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_rocksPath is not null)
        {
            Directory.Delete(_rocksPath, recursive: true);
        }
        else
        {
            using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable(VaultStores.PostgresConnectionVariable));
            connection.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {BenchSchema} CASCADE", connection);
            drop.ExecuteNonQuery();
        }

        _custodian?.Dispose();
        _patient?.Dispose();
    }

    [Benchmark]
    public SealedRecord Seal() => RecordCipher.Seal(NextHeader(), _resource, _custodian!);

    [Benchmark]
    public Task<PutOutcome> SealAndPut() => _store!.PutAsync(RecordCipher.Seal(NextHeader(), _resource, _custodian!));

    private RecordVersionHeader NextHeader() =>
        new(RecordId.Parse("bench-" + Interlocked.Increment(ref _next)), 1, ResourceType.Parse("Observation"), _patient!.PublicKey);
}
