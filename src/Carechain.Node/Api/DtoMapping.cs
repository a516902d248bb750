using Carechain.Client.Contracts;
using Carechain.Core.Merkle;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Storage;
using Carechain.Modules.Identity;
using Carechain.Modules.Notary;

namespace Carechain.Node.Api;

/// <summary>Ledger objects to wire contracts.</summary>
internal static class DtoMapping
{
    public static BlockHeaderDto ToDto(this BlockHeader h) => new(
        h.Height, h.Hash.ToString(), h.PreviousHash.ToString(), h.TimestampMs, h.TxCount, h.TxRoot.ToString(), h.LogRoot.ToString(),
        h.LogSize, h.StateCommitment.ToString(), h.Producer.ToString(), h.Signature?.ToString() ?? string.Empty);

    public static BlockDto ToDto(this StoredBlock b) => new(b.Header.ToDto(), b.TxIds.Select(id => id.ToString()).ToArray());

    public static ReceiptDto ToDto(this Receipt r) => new(
        r.Status == ReceiptStatus.Success ? "success" : "rejected",
        r.ErrorCode.Length == 0 ? null : r.ErrorCode,
        r.Events.Select(e => new EventDto(e.Name, e.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal))).ToArray());

    public static TransactionDto ToDto(this StoredTransaction s, Receipt receipt)
    {
        var tx = s.Transaction;
        return new TransactionDto(
            tx.Id.ToString(), tx.ChainId, tx.Author.ToString(), tx.Nonce, tx.Module, tx.Operation, Convert.ToBase64String(tx.Payload.Span),
            tx.Signature.ToString(), s.Height, s.Index, s.LogIndex, receipt.ToDto());
    }

    public static InclusionProofDto ToDto(this InclusionProof p, Ledger.Transactions.TxId id) =>
        new(id.ToString(), p.LeafIndex, p.TreeSize, p.Path.Select(h => h.ToString()).ToArray());

    public static ConsistencyProofDto ToDto(this ConsistencyProof p) =>
        new(p.FromSize, p.ToSize, p.Path.Select(h => h.ToString()).ToArray());

    public static CheckpointDto ToDto(this Checkpoint c) => new(
        c.ChainId, c.Height, c.HeaderHash.ToString(), c.LogRoot.ToString(), c.LogSize, c.Signer.ToString(), c.Signature?.ToString() ?? string.Empty);

    public static IdentityDto ToDto(this IdentityRecord r, Core.Crypto.Ed25519PublicKey key) => new(
        key.ToString(), r.DisplayName, r.Role, r.Status.ToString().ToLowerInvariant(), r.RegisteredHeight, r.ChangedHeight, r.Successor?.ToString());

    public static AnchorDto ToDto(this AnchorRecord a) => new(
        a.DocumentHash.ToString(), a.Author.ToString(), a.TxId.ToString(), a.Height, a.TimestampMs, a.Label, a.MediaType);
}
