using System.Buffers.Binary;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;

namespace Carechain.Modules.Notary;

/// <summary>
/// Proof of existence: the first anchor of a document hash fixes who anchored it and when;
/// a later anchor of the same hash is refused. Anchors are listable per author in the order
/// they were made (keyed by the author's nonce).
/// </summary>
public sealed class NotaryModule : ILedgerModule
{
    public const string ModuleName = "notary";

    public string Name => ModuleName;

    public bool HandlesOperation(string operation) => operation == AnchorRequest.Operation;

    public string? CheckPayload(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            return AnchorRequest.Decode(transaction.Payload.Span).Validate();
        }
        catch (CodecException)
        {
            return LedgerErrors.MalformedPayload;
        }
    }

    public ModuleResult Execute(IStateReader state, Transaction transaction, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(block);
        var refusal = CheckPayload(transaction);
        if (refusal is not null)
        {
            return ModuleResult.Fail(refusal);
        }

        var request = AnchorRequest.Decode(transaction.Payload.Span);
        var hashKey = HashKey(request.DocumentHash);
        if (state.Get(hashKey) is not null)
        {
            return ModuleResult.Fail(NotaryErrors.AlreadyAnchored);
        }

        var record = new AnchorRecord(
            request.DocumentHash, transaction.Author, transaction.Id.Hash, block.Height, block.TimestampMs, request.Label, request.MediaType);
        return ModuleResult.Ok(
            [new StateWrite(hashKey, record.Encode()), new StateWrite(AuthorKey(transaction.Author, transaction.Nonce), request.DocumentHash.ToArray())],
            LedgerEvent.Of("notary.anchored", ("hash", request.DocumentHash.ToString())));
    }

    public static AnchorRecord? Find(IStateReader state, Hash256 documentHash)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bytes = state.Get(HashKey(documentHash));
        return bytes is null ? null : AnchorRecord.Decode(bytes);
    }

    internal static byte[] HashKey(Hash256 hash) => StateKeys.Tagged('h', hash);

    /// <summary>Prefix of one author's anchors; the suffix is the 8-byte big-endian nonce, so they list in order.</summary>
    public static byte[] AuthorPrefix(Ed25519PublicKey author) => StateKeys.Tagged('a', author);

    internal static byte[] AuthorKey(Ed25519PublicKey author, ulong nonce)
    {
        var prefix = AuthorPrefix(author);
        var key = new byte[prefix.Length + 8];
        prefix.CopyTo(key, 0);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(prefix.Length), nonce);
        return key;
    }
}
