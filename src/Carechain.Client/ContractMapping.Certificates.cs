using System.Diagnostics.CodeAnalysis;
using System.Text;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Transactions;

namespace Carechain.Client;

public static partial class ContractMapping
{
    /// <summary>A certificate, with the node-set changes since genesis that lead to its signers when given.</summary>
    public static CheckpointCertificateDto ToDto(CheckpointCertificate certificate, IReadOnlyList<NodeSetChange>? nodeSetChanges = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var s = certificate.Statement;
        return new CheckpointCertificateDto(
            s.ChainId, s.Height, s.HeaderHash.ToString(), s.StateCommitment.ToString(), s.LogRoot.ToString(), s.LogSize, s.NextNodeSet.ToString(),
            [.. certificate.Signatures.Select(x => new CheckpointSignatureDto(x.Signer.ToString(), x.Signature.ToString()))],
            nodeSetChanges?.Select(c => new NodeSetChangeDto([.. c.NodeSet.Keys.Select(k => k.ToString())], ToDto(c.Certificate))).ToList());
    }

    /// <summary>
    /// A well-formed certificate and the node-set changes it carries (none when absent; signatures and the
    /// chain not yet checked: see <see cref="CertificateChain.Verify"/>), or a one-line error.
    /// </summary>
    public static bool TryParse(
        CheckpointCertificateDto? dto,
        [NotNullWhen(true)] out CheckpointCertificate? certificate,
        [NotNullWhen(true)] out IReadOnlyList<NodeSetChange>? nodeSetChanges,
        out string error)
    {
        nodeSetChanges = null;
        if (!TryParse(dto, out certificate, out error))
        {
            return false;
        }

        if (dto!.NodeSetChanges is not { } items)
        {
            nodeSetChanges = [];
            return true;
        }

        if (items.Count > CertificateChain.MaxChanges)
        {
            error = "nodeSetChanges has too many entries";
            return false;
        }

        var changes = new List<NodeSetChange>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (!TryParse(items[i], out var change, out var problem))
            {
                certificate = null;
                error = $"nodeSetChanges[{i}]: {problem}";
                return false;
            }

            changes.Add(change);
        }

        nodeSetChanges = changes;
        return true;
    }

    public static CheckpointAttestationDto ToDto(CheckpointAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        var s = attestation.Statement;
        return new CheckpointAttestationDto(
            s.ChainId, s.Height, s.HeaderHash.ToString(), s.StateCommitment.ToString(), s.LogRoot.ToString(), s.LogSize, s.NextNodeSet.ToString(),
            attestation.Signer.ToString(), attestation.Signature.ToString());
    }

    /// <summary>A well-formed certificate (signatures not yet checked: see <see cref="CheckpointCertificate.Verify"/>), or a one-line error.</summary>
    public static bool TryParse(CheckpointCertificateDto? dto, [NotNullWhen(true)] out CheckpointCertificate? certificate, out string error)
    {
        certificate = null;
        if (dto is null)
        {
            error = "missing";
            return false;
        }

        if (!TryParseStatement(dto.ChainId, dto.Height, dto.HeaderHash, dto.StateCommitment, dto.LogRoot, dto.LogSize, dto.NextNodeSet, out var statement, out error))
        {
            return false;
        }

        if (dto.Signatures is null || dto.Signatures.Count > CheckpointCertificate.MaxSignatures)
        {
            error = dto.Signatures is null ? "signatures is missing" : "signatures has too many entries";
            return false;
        }

        var signatures = new List<CheckpointSignature>(dto.Signatures.Count);
        foreach (var entry in dto.Signatures)
        {
            if (!Ed25519PublicKey.TryParse(entry?.Signer, out var signer))
            {
                error = "a signer is not a valid Ed25519 public key in hex";
                return false;
            }

            if (!Ed25519Signature.TryParse(entry!.Signature, out var signature))
            {
                error = $"the signature of {signer} is not 128 hexadecimal characters";
                return false;
            }

            signatures.Add(new CheckpointSignature(signer, signature));
        }

        certificate = new CheckpointCertificate(statement, signatures);
        return true;
    }

    /// <summary>A well-formed attestation (signature not yet checked), or a one-line error.</summary>
    public static bool TryParse(CheckpointAttestationDto? dto, [NotNullWhen(true)] out CheckpointAttestation? attestation, out string error)
    {
        attestation = null;
        if (dto is null)
        {
            error = "missing";
            return false;
        }

        if (!TryParseStatement(dto.ChainId, dto.Height, dto.HeaderHash, dto.StateCommitment, dto.LogRoot, dto.LogSize, dto.NextNodeSet, out var statement, out error))
        {
            return false;
        }

        if (!Ed25519PublicKey.TryParse(dto.Signer, out var signer))
        {
            error = "signer is not a valid Ed25519 public key in hex";
            return false;
        }

        if (!Ed25519Signature.TryParse(dto.Signature, out var signature))
        {
            error = "signature is not 128 hexadecimal characters";
            return false;
        }

        attestation = new CheckpointAttestation(statement, signer, signature);
        return true;
    }

    private static bool TryParseStatement(
        string? chainId, long height, string? headerHash, string? stateCommitment, string? logRoot, long logSize, string? nextNodeSet,
        [NotNullWhen(true)] out CheckpointStatement? statement, out string error)
    {
        statement = null;
        Hash256 header = default, state = default, root = default, nodeSet = default;
        error = chainId switch
        {
            null or "" => "chainId is missing",
            _ when Encoding.UTF8.GetByteCount(chainId) > TransactionLimits.MaxChainIdBytes => "chainId is too long",
            _ when height < 0 => "height is negative",
            _ when logSize < 0 => "logSize is negative",
            _ when !Hash256.TryParse(headerHash, out header) => "headerHash is not 64 hexadecimal characters",
            _ when !Hash256.TryParse(stateCommitment, out state) => "stateCommitment is not 64 hexadecimal characters",
            _ when !Hash256.TryParse(logRoot, out root) => "logRoot is not 64 hexadecimal characters",
            _ when !Hash256.TryParse(nextNodeSet, out nodeSet) => "nextNodeSet is not 64 hexadecimal characters",
            _ => string.Empty,
        };
        if (chainId is null || error.Length != 0)
        {
            return false;
        }

        statement = new CheckpointStatement(chainId, height, header, state, root, logSize, nodeSet);
        return true;
    }

    private static bool TryParse(NodeSetChangeDto? dto, [NotNullWhen(true)] out NodeSetChange? change, out string error)
    {
        change = null;
        if (dto?.NodeKeys is not { Count: > 0 and <= NodeSet.MaxKeys } keys)
        {
            error = $"nodeKeys is a list of 1 to {NodeSet.MaxKeys} keys";
            return false;
        }

        var parsed = new List<Ed25519PublicKey>(keys.Count);
        foreach (var text in keys)
        {
            if (!Ed25519PublicKey.TryParse(text, out var key))
            {
                error = "a node key is not a valid Ed25519 public key in hex";
                return false;
            }

            parsed.Add(key);
        }

        if (parsed.Distinct().Count() != parsed.Count)
        {
            error = "nodeKeys lists a key twice";
            return false;
        }

        if (dto.Certificate?.NodeSetChanges is not null)
        {
            error = "a node-set change's certificate carries node-set changes of its own";
            return false;
        }

        if (!TryParse(dto.Certificate, out var certificate, out error))
        {
            error = $"certificate: {error}";
            return false;
        }

        change = new NodeSetChange(certificate, new NodeSet(parsed));
        return true;
    }
}
