using Carechain.Core.Hashing;
using Carechain.Vault.Crypto;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;

namespace Carechain.Vault;

/// <summary>
/// The vault as the node uses it: seals plaintext under a fresh data key on write, stores the
/// envelope, and opens it again on read with the node's custodian key. Deciding whether a caller
/// may read is not its job (the records module and the chain decide); it only keeps the bytes
/// confidential, intact and erasable.
/// </summary>
public sealed class RecordVault
{
    private readonly IVaultStore _store;
    private readonly CustodianKey _custodian;

    public RecordVault(IVaultStore store, CustodianKey custodian)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(custodian);
        _store = store;
        _custodian = custodian;
    }

    public IVaultStore Store => _store;

    /// <summary>
    /// Encrypts and stores one version. On <see cref="PutOutcome.Stored"/> the returned hash is what
    /// to anchor on the chain; on any other outcome nothing was written.
    /// </summary>
    public async Task<(PutOutcome Outcome, Hash256 CiphertextHash)> WriteAsync(
        RecordVersionHeader header, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken = default)
    {
        var sealedRecord = RecordCipher.Seal(header, plaintext.Span, _custodian);
        var outcome = await _store.PutAsync(sealedRecord, cancellationToken);
        return (outcome, sealedRecord.CiphertextHash);
    }

    /// <summary>
    /// The decrypted version, or why there is none. Throws <see cref="VaultIntegrityException"/>
    /// when the stored bytes were altered: never returns garbage.
    /// </summary>
    public async Task<RecordContent> ReadAsync(RecordId id, long version, CancellationToken cancellationToken = default)
    {
        var read = await _store.GetAsync(id, version, cancellationToken);
        return read.State switch
        {
            RecordState.Found => RecordContent.Found(read.Record!, RecordCipher.OpenAsCustodian(read.Record!, _custodian)),
            RecordState.Gone => RecordContent.Gone(read.Tombstone!),
            _ => RecordContent.NotFound,
        };
    }
}
