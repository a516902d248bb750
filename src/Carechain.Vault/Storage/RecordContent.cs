using Carechain.Core.Hashing;
using Carechain.Vault.Envelope;
using Carechain.Vault.Records;

namespace Carechain.Vault.Storage;

/// <summary>A decrypted record version with its header and anchored hash; or nothing; or a tombstone.</summary>
public sealed class RecordContent
{
    private RecordContent(RecordState state, RecordVersionHeader? header, Hash256 ciphertextHash, ReadOnlyMemory<byte> plaintext, Tombstone? tombstone)
    {
        State = state;
        Header = header;
        CiphertextHash = ciphertextHash;
        Plaintext = plaintext;
        Tombstone = tombstone;
    }

    public static RecordContent NotFound { get; } = new(RecordState.NotFound, null, default, default, null);

    public RecordState State { get; }

    public RecordVersionHeader? Header { get; }

    /// <summary>Compare with the chain's anchor before serving, to prove the vault returned what was anchored.</summary>
    public Hash256 CiphertextHash { get; }

    public ReadOnlyMemory<byte> Plaintext { get; }

    public Tombstone? Tombstone { get; }

    internal static RecordContent Found(SealedRecord record, byte[] plaintext) =>
        new(RecordState.Found, record.Header, record.CiphertextHash, plaintext, null);

    internal static RecordContent Gone(Tombstone tombstone) => new(RecordState.Gone, null, default, default, tombstone);
}
