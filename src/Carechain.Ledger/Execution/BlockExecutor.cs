using System.Buffers.Binary;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Execution;

/// <summary>
/// Runs a block's transactions in order over the parent state. Pure: the same parent state,
/// transactions and context give the same writes, receipts and commitment on every node.
/// Every ordered transaction consumes its nonce; a refused one changes nothing else.
/// </summary>
public sealed class BlockExecutor(ModuleRegistry modules)
{
    public BlockExecution Execute(IStateReader parentState, Hash256 parentCommitment, BlockContext context, IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transactions);
        var block = new StateOverlay(parentState);
        var receipts = new Receipt[transactions.Count];
        var encoded = new byte[transactions.Count][];
        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            if (tx.ChainId != context.ChainId)
            {
                throw new InvalidBlockException($"Transaction {tx.Id} is for chain '{tx.ChainId}'");
            }

            var expected = ReadNonce(block, tx.Author) + 1;
            if (tx.Nonce != expected)
            {
                throw new InvalidBlockException($"Transaction {tx.Id} has nonce {tx.Nonce}; its author's next nonce is {expected}");
            }

            block.Set(StateKeys.Nonce(tx.Author), EncodeNonce(tx.Nonce));
            receipts[i] = ExecuteOne(block, tx, context, i);
            encoded[i] = receipts[i].Encode();
        }

        var writes = block.SortedWrites();
        var commitment = StateCommitment.Next(parentCommitment, context.Height, writes, encoded);
        return new BlockExecution(writes, receipts, encoded, commitment);
    }

    public static ulong ReadNonce(IStateReader state, Core.Crypto.Ed25519PublicKey author)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(StateKeys.Nonce(author));
        return value is null ? 0 : BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    private static byte[] EncodeNonce(ulong nonce)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, nonce);
        return bytes;
    }

    private Receipt ExecuteOne(StateOverlay block, Transaction tx, BlockContext context, int index)
    {
        foreach (var guard in modules.Guards)
        {
            var refusal = guard.Check(new ModuleStateReader(block, guard.Namespace), tx);
            if (refusal is not null)
            {
                return Rejected(tx, context, index, refusal);
            }
        }

        var module = modules.Find(tx.Module);
        if (module is null)
        {
            return Rejected(tx, context, index, LedgerErrors.UnknownModule);
        }

        if (!module.HandlesOperation(tx.Operation))
        {
            return Rejected(tx, context, index, LedgerErrors.UnknownOperation);
        }

        var result = module.Execute(new ModuleStateReader(block, module.Name), tx, context);
        if (!result.Succeeded)
        {
            return Rejected(tx, context, index, result.ErrorCode);
        }

        // Module writes land only under the module's own namespace.
        foreach (var write in result.Writes)
        {
            block.Set(StateKeys.Full(module.Name, write.Key), write.Value);
        }

        return new Receipt(tx.Id, context.Height, index, ReceiptStatus.Success, string.Empty, result.Events);
    }

    private static Receipt Rejected(Transaction tx, BlockContext context, int index, string code) =>
        new(tx.Id, context.Height, index, ReceiptStatus.Rejected, code, []);
}
