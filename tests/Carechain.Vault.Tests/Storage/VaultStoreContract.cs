using System.Collections.Concurrent;
using System.Text;
using Carechain.Core.Crypto;
using Carechain.Vault.Crypto;
using Carechain.Vault.Envelope;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;

namespace Carechain.Vault.Tests.Storage;

/// <summary>
/// The one contract every vault backend passes. A derived class supplies the backend and raw access
/// to its storage (to damage bytes behind the store's back and to look for what erasure must destroy).
/// </summary>
public abstract class VaultStoreContract : IAsyncLifetime
{
    private readonly SigningKey _patient = SigningKey.Generate();
    private readonly CustodianKey _custodian = TestRecords.NewCustodian();
    private IVaultStore? _store;

    protected IVaultStore Store => _store ?? throw new InvalidOperationException("Call OpenAsync first.");

    protected RecordVault Vault => new(Store, _custodian);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await CloseAsync();
        await DisposeBackendAsync();
        _patient.Dispose();
        _custodian.Dispose();
    }

    [SkippableFact]
    public async Task Written_version_reads_back_with_its_anchored_hash()
    {
        await OpenAsync();
        var header = Header("obs-1", 1);
        var (outcome, hash) = await Vault.WriteAsync(header, TestRecords.Resource("obs-1", 1));

        var read = await Vault.ReadAsync(header.Id, 1);
        Assert.Equal(PutOutcome.Stored, outcome);
        Assert.Equal(RecordState.Found, read.State);
        Assert.Equal(TestRecords.Resource("obs-1", 1), read.Plaintext.ToArray());
        Assert.Equal(hash, read.CiphertextHash);
        Assert.Equal(header, read.Header);
        var sealedRecord = (await Store.GetAsync(header.Id, 1)).Record!;
        using var patient = PatientKey.FromSigningKey(_patient);
        Assert.Equal(TestRecords.Resource("obs-1", 1), RecordCipher.OpenAsPatient(sealedRecord, patient));
    }

    [SkippableFact]
    public async Task Versions_are_append_only_and_numbered_without_gaps()
    {
        await OpenAsync();
        Assert.Equal(PutOutcome.VersionOutOfSequence, await Put("obs-1", 2));
        Assert.Equal(PutOutcome.Stored, await Put("obs-1", 1));
        Assert.Equal(PutOutcome.VersionExists, await Put("obs-1", 1));
        Assert.Equal(PutOutcome.VersionOutOfSequence, await Put("obs-1", 3));
        Assert.Equal(PutOutcome.Stored, await Put("obs-1", 2));

        var listing = await Store.ListVersionsAsync(RecordId.Parse("obs-1"));
        Assert.Equal(RecordState.Found, listing.State);
        Assert.Equal([1L, 2L], listing.Versions.Select(v => v.Version));
        Assert.Equal(TestRecords.Resource("obs-1", 1), (await Vault.ReadAsync(RecordId.Parse("obs-1"), 1)).Plaintext.ToArray());
    }

    [SkippableFact]
    public async Task Unknown_records_and_versions_are_not_found()
    {
        await OpenAsync();
        await Put("obs-1", 1);
        var unknown = RecordId.Parse("nobody");

        Assert.Equal(RecordState.NotFound, (await Store.GetAsync(unknown, 1)).State);
        Assert.Equal(RecordState.NotFound, (await Store.GetAsync(RecordId.Parse("obs-1"), 2)).State);
        Assert.Equal(RecordState.NotFound, (await Store.GetAsync(RecordId.Parse("obs-1"), 0)).State);
        Assert.Equal(RecordState.NotFound, (await Store.GetAsync(RecordId.Parse("obs-1"), -5)).State);
        Assert.Equal(RecordState.NotFound, (await Store.ListVersionsAsync(unknown)).State);
        Assert.Equal(ErasureStatus.NotFound, (await Store.EraseAsync(unknown)).Status);
        Assert.Equal(RecordState.NotFound, (await Store.GetAsync(unknown, 1)).State);
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.PutAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync(default, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ListVersionsAsync(default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.EraseAsync(default));
    }

    [SkippableFact]
    public async Task Flipped_ciphertext_byte_in_storage_is_a_clear_error_not_garbage()
    {
        await OpenAsync();
        await Put("obs-1", 1);
        var stored = (await Store.GetAsync(RecordId.Parse("obs-1"), 1)).Record!.Encode();
        var damaged = (byte[])stored.Clone();
        damaged[^5] ^= 0x40; // inside the body's authentication tag region of the ciphertext
        await WriteRawEnvelopeAsync(RecordId.Parse("obs-1"), 1, damaged);

        var error = await Assert.ThrowsAsync<VaultIntegrityException>(() => Vault.ReadAsync(RecordId.Parse("obs-1"), 1));
        Assert.Contains("obs-1 version 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cel", error.Message, StringComparison.Ordinal);

        var middle = (byte[])stored.Clone();
        middle[stored.Length - 40] ^= 0x01;
        await WriteRawEnvelopeAsync(RecordId.Parse("obs-1"), 1, middle);
        await Assert.ThrowsAsync<VaultIntegrityException>(() => Vault.ReadAsync(RecordId.Parse("obs-1"), 1));
    }

    [SkippableFact]
    public async Task Envelope_moved_to_another_record_is_refused()
    {
        await OpenAsync();
        await Put("rec-a", 1);
        var envelopeOfA = (await Store.GetAsync(RecordId.Parse("rec-a"), 1)).Record!.Encode();
        await WriteRawEnvelopeAsync(RecordId.Parse("rec-b"), 1, envelopeOfA);

        var error = await Assert.ThrowsAsync<VaultIntegrityException>(() => Store.GetAsync(RecordId.Parse("rec-b"), 1));
        Assert.Contains("another record", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Envelope_relabelled_as_another_record_fails_authentication()
    {
        await OpenAsync();
        await Put("rec-a", 1);
        var envelopeOfA = (await Store.GetAsync(RecordId.Parse("rec-a"), 1)).Record!.Encode();
        // The id sits right after the format byte and its one-byte length; rewrite it in place.
        var relabelled = (byte[])envelopeOfA.Clone();
        Encoding.ASCII.GetBytes("rec-b").CopyTo(relabelled, 2);
        await WriteRawEnvelopeAsync(RecordId.Parse("rec-b"), 1, relabelled);

        Assert.Equal(RecordId.Parse("rec-b"), (await Store.GetAsync(RecordId.Parse("rec-b"), 1)).Record!.Header.Id);
        await Assert.ThrowsAsync<VaultIntegrityException>(() => Vault.ReadAsync(RecordId.Parse("rec-b"), 1));
    }

    [SkippableFact]
    public async Task Garbage_in_storage_is_a_clear_error()
    {
        await OpenAsync();
        await Put("obs-1", 1);
        await WriteRawEnvelopeAsync(RecordId.Parse("obs-1"), 1, Encoding.ASCII.GetBytes("not an envelope at all"));

        var error = await Assert.ThrowsAsync<VaultIntegrityException>(() => Store.GetAsync(RecordId.Parse("obs-1"), 1));
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Erasure_destroys_keys_and_ciphertext_and_leaves_a_tombstone_with_the_hashes()
    {
        await OpenAsync();
        var (_, hash1) = await Vault.WriteAsync(Header("obs-1", 1), TestRecords.Resource("obs-1", 1));
        var (_, hash2) = await Vault.WriteAsync(Header("obs-1", 2), TestRecords.Resource("obs-1", 2));
        await Put("keep-me", 1);
        var secrets = new List<byte[]>();
        foreach (var version in new[] { 1L, 2L })
        {
            var record = (await Store.GetAsync(RecordId.Parse("obs-1"), version)).Record!;
            secrets.Add(record.Ciphertext.ToArray());
            secrets.Add(record.CustodianWrappedKey.ToArray());
            secrets.Add(record.PatientWrappedKey.ToArray());
        }

        foreach (var secret in secrets)
        {
            Assert.True(await RawStorageContainsAsync(secret), "the raw check must see stored bytes before erasure");
        }

        var erasure = await Store.EraseAsync(RecordId.Parse("obs-1"));

        Assert.Equal(ErasureStatus.Erased, erasure.Status);
        Assert.Equal([hash1, hash2], erasure.Tombstone!.Versions.Select(v => v.CiphertextHash));
        var read = await Vault.ReadAsync(RecordId.Parse("obs-1"), 1);
        Assert.Equal(RecordState.Gone, read.State);
        Assert.Equal([hash1, hash2], read.Tombstone!.Versions.Select(v => v.CiphertextHash));
        Assert.Equal(RecordState.Gone, (await Store.GetAsync(RecordId.Parse("obs-1"), 2)).State);
        Assert.Equal(RecordState.Gone, (await Store.ListVersionsAsync(RecordId.Parse("obs-1"))).State);
        Assert.Equal(PutOutcome.RecordErased, await Put("obs-1", 3));
        Assert.Equal(PutOutcome.RecordErased, await Put("obs-1", 1));
        Assert.Equal(ErasureStatus.AlreadyErased, (await Store.EraseAsync(RecordId.Parse("obs-1"))).Status);
        Assert.Equal(RecordState.Found, (await Vault.ReadAsync(RecordId.Parse("keep-me"), 1)).State);
        foreach (var secret in secrets)
        {
            Assert.False(await RawStorageContainsAsync(secret), "erased key or ciphertext bytes are still in the raw storage");
        }
    }

    [SkippableFact]
    public async Task Everything_acknowledged_reads_back_after_a_restart()
    {
        await OpenAsync();
        var hashes = new Dictionary<string, Core.Hashing.Hash256>();
        for (var i = 0; i < 10; i++)
        {
            var (_, hash) = await Vault.WriteAsync(Header($"rec-{i}", 1), TestRecords.Resource($"rec-{i}", 1));
            hashes[$"rec-{i}"] = hash;
        }

        await Put("erased", 1);
        await Store.EraseAsync(RecordId.Parse("erased"));
        await CloseAsync();
        await OpenAsync();

        foreach (var (id, hash) in hashes)
        {
            var read = await Vault.ReadAsync(RecordId.Parse(id), 1);
            Assert.Equal(TestRecords.Resource(id, 1), read.Plaintext.ToArray());
            Assert.Equal(hash, read.CiphertextHash);
        }

        Assert.Equal(RecordState.Gone, (await Store.GetAsync(RecordId.Parse("erased"), 1)).State);
        Assert.Equal(PutOutcome.Stored, await Put("rec-0", 2));
    }

    [SkippableFact]
    public async Task Concurrent_writers_racing_for_the_same_versions_store_each_exactly_once()
    {
        await OpenAsync();
        const int Writers = 6;
        const int Versions = 15;
        var winners = new ConcurrentDictionary<long, byte[]>();
        var id = RecordId.Parse("contended");

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var version = 1L; version <= Versions; version++)
            {
                var plaintext = Encoding.UTF8.GetBytes($"writer {writer} version {version}");
                var (outcome, _) = await Vault.WriteAsync(Header("contended", version), plaintext);
                Assert.True(outcome is PutOutcome.Stored or PutOutcome.VersionExists, $"unexpected {outcome}");
                if (outcome == PutOutcome.Stored)
                {
                    Assert.True(winners.TryAdd(version, plaintext), $"version {version} was stored twice");
                }
            }
        })));

        Assert.Equal(Versions, winners.Count);
        var listing = await Store.ListVersionsAsync(id);
        Assert.Equal(Enumerable.Range(1, Versions).Select(v => (long)v), listing.Versions.Select(v => v.Version));
        foreach (var (version, plaintext) in winners)
        {
            Assert.Equal(plaintext, (await Vault.ReadAsync(id, version)).Plaintext.ToArray());
        }
    }

    [SkippableFact]
    public async Task Concurrent_writers_on_different_records_all_land()
    {
        await OpenAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(PutOutcome.Stored, await Put($"w{writer}-r{i}", 1));
            }
        })));

        for (var writer = 0; writer < 4; writer++)
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(TestRecords.Resource($"w{writer}-r{i}", 1), (await Vault.ReadAsync(RecordId.Parse($"w{writer}-r{i}"), 1)).Plaintext.ToArray());
            }
        }
    }

    [SkippableFact]
    public async Task Concurrent_erasure_and_writes_leave_the_record_erased_with_every_stored_version_in_the_tombstone()
    {
        await OpenAsync();
        await Put("race", 1);
        var writes = Task.Run(async () =>
        {
            var stored = new List<long> { 1 };
            for (var version = 2L; version <= 30; version++)
            {
                var outcome = await Put("race", version);
                if (outcome != PutOutcome.Stored)
                {
                    Assert.Equal(PutOutcome.RecordErased, outcome);
                    break;
                }

                stored.Add(version);
            }

            return stored;
        });
        var erasure = await Store.EraseAsync(RecordId.Parse("race"));
        var stored = await writes;

        Assert.Equal(ErasureStatus.Erased, erasure.Status);
        Assert.Equal(stored, erasure.Tombstone!.Versions.Select(v => v.Version));
        Assert.Equal(RecordState.Gone, (await Store.ListVersionsAsync(RecordId.Parse("race"))).State);
    }

    [SkippableFact]
    public async Task Reads_racing_an_erasure_answer_the_intact_version_or_gone_and_never_not_found()
    {
        await OpenAsync();
        for (var version = 1L; version <= 3; version++)
        {
            await Put("shred", version);
        }

        var id = RecordId.Parse("shred");
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var states = new List<RecordState>();
            while (!stop.IsCancellationRequested)
            {
                var version = 1 + (states.Count + r) % 3;
                var read = await Vault.ReadAsync(id, version);
                if (read.State == RecordState.Found)
                {
                    Assert.Equal(TestRecords.Resource("shred", version), read.Plaintext.ToArray());
                }

                states.Add(read.State);
                if (read.State == RecordState.Gone && states.Count(s => s == RecordState.Gone) > 20)
                {
                    break;
                }
            }

            return states;
        })).ToArray();
        await Task.Delay(50);
        var erasure = await Store.EraseAsync(id);
        stop.CancelAfter(TimeSpan.FromSeconds(10));
        var seen = (await Task.WhenAll(readers)).SelectMany(s => s).ToList();

        Assert.Equal(ErasureStatus.Erased, erasure.Status);
        Assert.DoesNotContain(RecordState.NotFound, seen);
        Assert.Contains(RecordState.Gone, seen);
        Assert.Equal(RecordState.Gone, (await Vault.ReadAsync(id, 2)).State);
        Assert.Equal(RecordState.Gone, (await Store.GetAsync(id, 0)).State);
        Assert.Equal(RecordState.NotFound, (await Store.GetAsync(RecordId.Parse("never-written"), 1)).State);
    }

    /// <summary>Opens (or reopens) the backend's store over the same storage.</summary>
    protected async Task OpenAsync() => _store = await OpenStoreAsync();

    protected async Task CloseAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }

    /// <summary>Opens the store; may skip the test (SkipException) when the backend is not available.</summary>
    protected abstract Task<IVaultStore> OpenStoreAsync();

    /// <summary>Writes bytes as the stored envelope of (id, version), bypassing every check of the store.</summary>
    protected abstract Task WriteRawEnvelopeAsync(RecordId id, long version, byte[] envelope);

    /// <summary>Whether the bytes occur anywhere in what the backend keeps for the vault.</summary>
    protected abstract Task<bool> RawStorageContainsAsync(byte[] needle);

    protected abstract Task DisposeBackendAsync();

    private RecordVersionHeader Header(string id, long version) => TestRecords.Header(id, version, _patient.PublicKey);

    protected async Task<PutOutcome> Put(string id, long version) =>
        (await Vault.WriteAsync(Header(id, version), TestRecords.Resource(id, version))).Outcome;
}
