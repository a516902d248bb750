using Carechain.Testing;
using Carechain.Vault.Records;
using Carechain.Vault.Rocks;
using Carechain.Vault.Storage;
using RocksDbSharp;

namespace Carechain.Vault.Tests.Storage;

public sealed class RocksVaultStoreTests : VaultStoreContract
{
    private readonly TempDirectory _directory = new();

    private string DbPath => _directory.File("vault");

    protected override Task<IVaultStore> OpenStoreAsync() => Task.FromResult<IVaultStore>(RocksVaultStore.Open(DbPath));

    protected override async Task WriteRawEnvelopeAsync(RecordId id, long version, byte[] envelope)
    {
        // RocksDB allows one open handle per directory: step the store aside, write, reopen.
        await CloseAsync();
        using (var db = RocksDb.Open(RocksVaultStore.Options(), DbPath, RocksVaultStore.Families()))
        {
            db.Put(RocksKeys.Version(id, version), envelope, db.GetColumnFamily(RocksKeys.Versions));
        }

        await OpenAsync();
    }

    /// <summary>Searches every file of the directory (SST files, write-ahead log, manifest) byte by byte.</summary>
    protected override async Task<bool> RawStorageContainsAsync(byte[] needle)
    {
        await CloseAsync();
        try
        {
            foreach (var file in Directory.EnumerateFiles(DbPath, "*", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                if (bytes.AsSpan().IndexOf(needle) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            await OpenAsync();
        }
    }

    [Fact]
    public async Task Concurrent_writes_share_synced_batches_and_every_acknowledged_one_survives_a_reopen()
    {
        await OpenAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 256).Select(i => Task.Run(async () =>
            (await Put($"g{i % 64}", 1 + (i / 64)), i))));

        // Versions of one record race in order per record: every version a writer was told is stored is readable after a reopen.
        await CloseAsync();
        await OpenAsync();
        foreach (var (outcome, i) in outcomes.Where(o => o.Item1 == PutOutcome.Stored))
        {
            var version = 1 + (i / 64);
            Assert.Equal(TestRecords.Resource($"g{i % 64}", version), (await Vault.ReadAsync(RecordId.Parse($"g{i % 64}"), version)).Plaintext.ToArray());
        }

        Assert.Equal(64, outcomes.Count(o => o.Item1 == PutOutcome.Stored && o.i < 64));
    }

    protected override Task DisposeBackendAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
