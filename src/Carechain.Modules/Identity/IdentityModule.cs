using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;

namespace Carechain.Modules.Identity;

/// <summary>
/// Keys and who holds them: a key registers itself with a display name and a self-registrable
/// role, rotates to a successor (proving it holds the new key) or revokes itself. As a guard it
/// refuses every later transaction of a rotated or revoked key, in every module.
/// </summary>
public sealed class IdentityModule : ILedgerModule, ITransactionGuard
{
    public const string ModuleName = "identity";

    public string Name => ModuleName;

    public string Namespace => ModuleName;

    public bool HandlesOperation(string operation) =>
        operation is IdentityPayloads.Register or IdentityPayloads.Rotate or IdentityPayloads.Revoke;

    public string? CheckPayload(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            switch (transaction.Operation)
            {
                case IdentityPayloads.Register:
                    var (name, role) = IdentityPayloads.DecodeRegister(transaction.Payload.Span);
                    return CheckRegistration(name, role);
                case IdentityPayloads.Rotate:
                    var (newKey, proof) = IdentityPayloads.DecodeRotate(transaction.Payload.Span);
                    var message = IdentityPayloads.RotationMessage(transaction.ChainId, transaction.Author, newKey);
                    return newKey.Verify(DomainTag.KeyRotation, message, proof) ? null : IdentityErrors.InvalidRotationProof;
                default:
                    return transaction.Payload.IsEmpty ? null : LedgerErrors.MalformedPayload;
            }
        }
        catch (CodecException)
        {
            return LedgerErrors.MalformedPayload;
        }
    }

    public string? Check(IStateReader state, Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        return Read(state, transaction.Author)?.Status switch
        {
            KeyStatus.Revoked => IdentityErrors.KeyRevoked,
            KeyStatus.Rotated => IdentityErrors.KeyRotated,
            _ => null,
        };
    }

    public ModuleResult Execute(IStateReader state, Transaction transaction, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(block);
        var refusal = CheckPayload(transaction);
        if (refusal is not null)
        {
            return ModuleResult.Fail(refusal);
        }

        var current = Read(state, transaction.Author);
        return transaction.Operation switch
        {
            IdentityPayloads.Register => RegisterKey(transaction, block, current),
            IdentityPayloads.Rotate => RotateKey(state, transaction, block, current),
            _ => RevokeKey(transaction, block, current),
        };
    }

    /// <summary>The identity record of a key, or null if it never registered.</summary>
    public static IdentityRecord? Read(IStateReader state, Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bytes = state.Get(Key(key));
        return bytes is null ? null : IdentityRecord.Decode(bytes);
    }

    internal static byte[] Key(Ed25519PublicKey key)
    {
        var bytes = new byte[2 + Ed25519PublicKey.Size];
        bytes[0] = (byte)'k';
        bytes[1] = (byte)'/';
        key.WriteTo(bytes.AsSpan(2));
        return bytes;
    }

    private static string? CheckRegistration(string name, string role)
    {
        if (name.Length == 0 || name.Trim().Length != name.Length || name.Any(char.IsControl))
        {
            return IdentityErrors.InvalidDisplayName;
        }

        if (IdentityRole.SelfRegistrable.Contains(role))
        {
            return null;
        }

        return IdentityRole.AdminGranted.Contains(role) ? IdentityErrors.RoleRequiresAdmin : IdentityErrors.UnknownRole;
    }

    private static ModuleResult RegisterKey(Transaction tx, BlockContext block, IdentityRecord? current)
    {
        if (current is not null)
        {
            return ModuleResult.Fail(IdentityErrors.AlreadyRegistered);
        }

        var (name, role) = IdentityPayloads.DecodeRegister(tx.Payload.Span);
        var record = new IdentityRecord(name, role, KeyStatus.Active, block.Height, block.Height, null);
        return ModuleResult.Ok(
            [new StateWrite(Key(tx.Author), record.Encode())],
            LedgerEvent.Of("identity.registered", ("key", tx.Author.ToString()), ("role", role)));
    }

    private static ModuleResult RotateKey(IStateReader state, Transaction tx, BlockContext block, IdentityRecord? current)
    {
        if (current is null)
        {
            return ModuleResult.Fail(IdentityErrors.NotRegistered);
        }

        var (newKey, _) = IdentityPayloads.DecodeRotate(tx.Payload.Span);
        if (Read(state, newKey) is not null)
        {
            return ModuleResult.Fail(IdentityErrors.SuccessorInUse);
        }

        var retired = current with { Status = KeyStatus.Rotated, ChangedHeight = block.Height, Successor = newKey };
        var successor = current with { ChangedHeight = block.Height };
        return ModuleResult.Ok(
            [new StateWrite(Key(tx.Author), retired.Encode()), new StateWrite(Key(newKey), successor.Encode())],
            LedgerEvent.Of("identity.rotated", ("key", tx.Author.ToString()), ("successor", newKey.ToString())));
    }

    private static ModuleResult RevokeKey(Transaction tx, BlockContext block, IdentityRecord? current)
    {
        if (current is null)
        {
            return ModuleResult.Fail(IdentityErrors.NotRegistered);
        }

        var revoked = current with { Status = KeyStatus.Revoked, ChangedHeight = block.Height };
        return ModuleResult.Ok(
            [new StateWrite(Key(tx.Author), revoked.Encode())],
            LedgerEvent.Of("identity.revoked", ("key", tx.Author.ToString())));
    }
}
