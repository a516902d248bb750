using Carechain.Vault.Envelope;
using Carechain.Vault.Records;

namespace Carechain.Vault.Storage;

/// <summary>
/// Where sealed record versions live: RocksDB embedded (<see cref="Rocks.RocksVaultStore"/>) or
/// PostgreSQL (<see cref="Postgres.PostgresVaultStore"/>); both pass the same contract tests.
/// A store holds only envelopes (ciphertext and wrapped keys) and tombstones; it never sees a
/// plaintext or an unwrapped key. Every method is safe to call concurrently.
/// Domain outcomes are return values; exceptions mean broken I/O or, as
/// <see cref="Crypto.VaultIntegrityException"/>, stored bytes that were damaged or moved.
/// </summary>
public interface IVaultStore : IAsyncDisposable
{
    /// <summary>Appends a version; it must be the record's next one (1 for a new record).</summary>
    Task<PutOutcome> PutAsync(SealedRecord record, CancellationToken cancellationToken = default);

    Task<VaultRead> GetAsync(RecordId id, long version, CancellationToken cancellationToken = default);

    Task<VersionListing> ListVersionsAsync(RecordId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Crypto-shreds the record: every version's envelope (ciphertext and both wrapped data keys) is
    /// deleted and a <see cref="Tombstone"/> with the anchored hashes written, in one durable step.
    /// </summary>
    Task<ErasureOutcome> EraseAsync(RecordId id, CancellationToken cancellationToken = default);
}
