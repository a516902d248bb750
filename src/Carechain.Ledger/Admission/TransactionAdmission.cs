using Carechain.Core.Codec;
using Carechain.Ledger.Chain;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Admission;

/// <summary>
/// The gate into the mempool: decode, check chain, module and payload, verify signatures (in
/// parallel across cores), apply guards against committed state, then check nonces in order.
/// A refused transaction changes nothing.
/// </summary>
public sealed class TransactionAdmission(LedgerChain chain, Mempool mempool)
{
    /// <summary>Below this many transactions a batch is verified on the calling thread.</summary>
    private const int ParallelThreshold = 16;

    public AdmissionResult Admit(ReadOnlyMemory<byte> raw) => AdmitBatch([raw])[0];

    /// <summary>
    /// Admits a transaction this node made with <see cref="Transaction.Create"/>: it is not decoded again,
    /// its signature, made here, is not verified again (<see cref="Transaction.HasValidSignature"/>), and
    /// it is not first looked up among committed transactions, being new (one committed after all is
    /// still answered <see cref="AdmissionStatus.AlreadyCommitted"/>, found by its replayed nonce). Every
    /// other check is the same as for bytes from a client.
    /// </summary>
    public AdmissionResult Admit(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);

        // No size check: a transaction object exists only if its bytes were within the limit (Transaction.Decode).
        return CheckDecoded(tx) ?? CheckStateful(tx, lookUpCommitted: false);
    }

    /// <summary>Admits a batch; results are in the batch's order, and nonces are checked in that order.</summary>
    public IReadOnlyList<AdmissionResult> AdmitBatch(IReadOnlyList<ReadOnlyMemory<byte>> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var decoded = new Transaction?[raw.Count];
        var results = new AdmissionResult?[raw.Count];
        if (raw.Count >= ParallelThreshold)
        {
            Parallel.For(0, raw.Count, i => results[i] = CheckStateless(raw[i].Span, out decoded[i]));
        }
        else
        {
            for (var i = 0; i < raw.Count; i++)
            {
                results[i] = CheckStateless(raw[i].Span, out decoded[i]);
            }
        }

        for (var i = 0; i < raw.Count; i++)
        {
            results[i] ??= CheckStateful(decoded[i]!, lookUpCommitted: true);
        }

        return results!;
    }

    /// <summary>Everything that needs no state: decoding, chain id, module, payload shape and the signature.</summary>
    private AdmissionResult? CheckStateless(ReadOnlySpan<byte> raw, out Transaction? tx)
    {
        tx = null;
        if (raw.Length > TransactionLimits.MaxEncodedBytes)
        {
            return AdmissionResult.Refuse(null, LedgerErrors.TransactionTooLarge, $"a transaction may be at most {TransactionLimits.MaxEncodedBytes} bytes");
        }

        try
        {
            tx = Transaction.Decode(raw);
        }
        catch (CodecException ex)
        {
            return AdmissionResult.Refuse(null, LedgerErrors.MalformedTransaction, ex.Message);
        }

        return CheckDecoded(tx);
    }

    private AdmissionResult? CheckDecoded(Transaction tx)
    {
        if (tx.ChainId != chain.ChainId)
        {
            return AdmissionResult.Refuse(tx.Id, LedgerErrors.WrongChain, $"this node serves chain '{chain.ChainId}'");
        }

        var refusal = chain.Modules.CheckStateless(tx);
        if (refusal is not null)
        {
            return AdmissionResult.Refuse(tx.Id, refusal, $"{tx.Module}/{tx.Operation} refused: {refusal}");
        }

        return tx.HasValidSignature() ? null : AdmissionResult.Refuse(tx.Id, LedgerErrors.BadSignature, "the signature does not verify against the author key");
    }

    private AdmissionResult CheckStateful(Transaction tx, bool lookUpCommitted)
    {
        if (lookUpCommitted && chain.Store.ContainsTransaction(tx.Id))
        {
            return new AdmissionResult(AdmissionStatus.AlreadyCommitted, tx.Id, string.Empty, string.Empty);
        }

        foreach (var guard in chain.Modules.Guards)
        {
            var refusal = guard.Check(new ModuleStateReader(chain.Store, guard.Namespace), tx);
            if (refusal is not null)
            {
                return AdmissionResult.Refuse(tx.Id, refusal, $"the author key may not act: {refusal}");
            }
        }

        var result = mempool.TryAdd(tx, author => BlockExecutor.ReadNonce(chain.Store, author));

        // The same transaction may have been committed between the first look and the nonce check:
        // answer that, not a replay, so a retried submission stays idempotent.
        return result.ErrorCode == LedgerErrors.NonceReplay && chain.Store.ContainsTransaction(tx.Id)
            ? new AdmissionResult(AdmissionStatus.AlreadyCommitted, tx.Id, string.Empty, string.Empty)
            : result;
    }
}
