using System.Diagnostics.CodeAnalysis;
using System.Text;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Transactions;

namespace Carechain.Client;

/// <summary>
/// Converts between the ledger's checkpoint and proof types and their wire DTOs. The <c>TryParse</c>
/// methods accept any DTO, including ones with null members, bad hex or impossible sizes, and never
/// throw: they either produce a value whose every field is well-formed, or a one-line error naming the
/// bad field. Well-formed is not valid: signatures and proofs are checked by the caller.
/// </summary>
public static partial class ContractMapping
{
    /// <summary>Longer paths cannot occur: a log of at most 2^63 leaves has at most 63 levels (plus one seed hash for consistency).</summary>
    public const int MaxPathLength = 64;

    public static CheckpointDto ToDto(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var signature = checkpoint.Signature ?? throw new ArgumentException("Only a signed checkpoint can be sent.", nameof(checkpoint));
        return new CheckpointDto(
            checkpoint.ChainId, checkpoint.Height, checkpoint.HeaderHash.ToString(), checkpoint.LogRoot.ToString(),
            checkpoint.LogSize, checkpoint.Signer.ToString(), signature.ToString());
    }

    public static InclusionProofDto ToDto(TxId txId, InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new InclusionProofDto(txId.ToString(), proof.LeafIndex, proof.TreeSize, [.. proof.Path.Select(h => h.ToString())]);
    }

    public static ConsistencyProofDto ToDto(ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new ConsistencyProofDto(proof.FromSize, proof.ToSize, [.. proof.Path.Select(h => h.ToString())]);
    }

    public static bool TryParse(CheckpointDto? dto, [NotNullWhen(true)] out Checkpoint? checkpoint, out string error)
    {
        checkpoint = null;
        Hash256 headerHash = default, logRoot = default;
        Ed25519PublicKey signer = default;
        Ed25519Signature? signature = null;
        error = dto switch
        {
            null => "missing",
            { ChainId: null or "" } => "chainId is missing",
            _ when Encoding.UTF8.GetByteCount(dto.ChainId) > TransactionLimits.MaxChainIdBytes => "chainId is too long",
            { Height: < 0 } => "height is negative",
            { LogSize: < 0 } => "logSize is negative",
            _ when !Hash256.TryParse(dto.HeaderHash, out headerHash) => "headerHash is not 64 hexadecimal characters",
            _ when !Hash256.TryParse(dto.LogRoot, out logRoot) => "logRoot is not 64 hexadecimal characters",
            _ when !Ed25519PublicKey.TryParse(dto.Signer, out signer) => "signer is not a valid Ed25519 public key in hex",
            _ when !Ed25519Signature.TryParse(dto.Signature, out signature) => "signature is not 128 hexadecimal characters",
            _ => string.Empty,
        };
        if (dto?.ChainId is not { } chainId || error.Length != 0)
        {
            return false;
        }

        checkpoint = new Checkpoint(chainId, dto.Height, headerHash, logRoot, dto.LogSize, signer, signature);
        return true;
    }

    public static bool TryParse(InclusionProofDto? dto, out TxId txId, [NotNullWhen(true)] out InclusionProof? proof, out string error)
    {
        txId = default;
        proof = null;
        if (dto is null)
        {
            error = "missing";
            return false;
        }

        if (!TxId.TryParse(dto.TxId, out txId))
        {
            error = "txId is not 64 hexadecimal characters";
            return false;
        }

        if (!TryParsePath(dto.Path, out var path, out error))
        {
            return false;
        }

        proof = new InclusionProof(dto.LeafIndex, dto.TreeSize, path);
        return true;
    }

    public static bool TryParse(ConsistencyProofDto? dto, [NotNullWhen(true)] out ConsistencyProof? proof, out string error)
    {
        proof = null;
        if (dto is null)
        {
            error = "missing";
            return false;
        }

        if (!TryParsePath(dto.Path, out var path, out error))
        {
            return false;
        }

        proof = new ConsistencyProof(dto.FromSize, dto.ToSize, path);
        return true;
    }

    private static bool TryParsePath(IReadOnlyList<string>? hex, [NotNullWhen(true)] out Hash256[]? path, out string error)
    {
        path = null;
        if (hex is null)
        {
            error = "path is missing";
            return false;
        }

        if (hex.Count > MaxPathLength)
        {
            error = $"path has {hex.Count} elements, more than any log can need ({MaxPathLength})";
            return false;
        }

        var parsed = new Hash256[hex.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (!Hash256.TryParse(hex[i], out parsed[i]))
            {
                error = $"path[{i}] is not 64 hexadecimal characters";
                return false;
            }
        }

        path = parsed;
        error = string.Empty;
        return true;
    }
}
