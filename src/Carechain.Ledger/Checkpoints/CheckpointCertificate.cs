using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Ledger.Checkpoints;

/// <summary>
/// A <see cref="CheckpointStatement"/> signed by a quorum of the consortium's node keys: more than
/// half of them, the same majority Raft needs to commit. A light client or an auditor trusts it instead
/// of any single node: forging one takes a majority of the node keys. <see cref="Verify"/> checks it
/// against a set of node keys (the genesis document's, offline).
/// </summary>
public sealed record CheckpointCertificate(CheckpointStatement Statement, IReadOnlyList<CheckpointSignature> Signatures)
{
    public const byte FormatVersion = 1;

    /// <summary>More signatures than this cannot come from a genesis of at most 64 organisations with a few nodes each.</summary>
    public const int MaxSignatures = 1024;

    /// <summary>The number of distinct node keys that must sign: a strict majority of <paramref name="nodeKeyCount"/>.</summary>
    public static int QuorumOf(int nodeKeyCount) => (nodeKeyCount / 2) + 1;

    /// <summary>
    /// Checks that the certificate is for <paramref name="chainId"/>, that every signer is one of
    /// <paramref name="nodeKeys"/> and signs once, that every signature verifies, and that a quorum of
    /// <paramref name="nodeKeys"/> signed. Any bad signature refuses the whole certificate.
    /// </summary>
    public CertificateVerdict Verify(string chainId, IReadOnlyCollection<Ed25519PublicKey> nodeKeys)
    {
        ArgumentNullException.ThrowIfNull(nodeKeys);
        if (Statement.ChainId != chainId)
        {
            return new(CertificateFailure.WrongChain, $"the certificate is for chain '{Statement.ChainId}', not '{chainId}'");
        }

        var message = Statement.SignedBytes();
        var seen = new HashSet<Ed25519PublicKey>();
        foreach (var (signer, signature) in Signatures)
        {
            if (!seen.Add(signer))
            {
                return new(CertificateFailure.DuplicateSigner, $"node key {signer} signs the certificate more than once");
            }

            if (!nodeKeys.Contains(signer))
            {
                return new(CertificateFailure.NotANodeKey, $"signer {signer} is not a node key of the consortium");
            }

            if (!signer.Verify(DomainTag.Checkpoint, message, signature))
            {
                return new(CertificateFailure.BadSignature, $"the signature of node key {signer} does not verify over the certificate's statement");
            }
        }

        var quorum = QuorumOf(nodeKeys.Count);
        return seen.Count >= quorum
            ? new(CertificateFailure.None, $"{Statement} is signed by {seen.Count} of {nodeKeys.Count} node keys (quorum {quorum})")
            : new(CertificateFailure.BelowQuorum, $"only {seen.Count} of {nodeKeys.Count} node keys sign the certificate; the quorum is {quorum}");
    }

    public byte[] Encode()
    {
        var writer = Statement.Write(new CanonicalWriter(160 + (Signatures.Count * 96)).Byte(FormatVersion)).VarUInt((ulong)Signatures.Count);
        foreach (var (signer, signature) in Signatures)
        {
            writer.Key(signer).Signature(signature);
        }

        return writer.ToArray();
    }

    public static CheckpointCertificate Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("checkpoint certificate", FormatVersion);
        var statement = CheckpointStatement.Read(ref reader);
        var count = (int)reader.VarUInt(MaxSignatures, "signature count");
        var signatures = new CheckpointSignature[count];
        for (var i = 0; i < count; i++)
        {
            signatures[i] = new CheckpointSignature(reader.Key("signer"), reader.Signature("signature"));
        }

        reader.End("checkpoint certificate");
        return new CheckpointCertificate(statement, signatures);
    }
}
