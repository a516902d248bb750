namespace Carechain.Ledger.Checkpoints;

/// <summary>Why a checkpoint certificate was refused; <see cref="None"/> when it holds.</summary>
public enum CertificateFailure
{
    None = 0,

    /// <summary>The certificate is for another chain than the verifier's.</summary>
    WrongChain,

    /// <summary>A signature does not verify under its signer's key over the certificate's statement.</summary>
    BadSignature,

    /// <summary>A signer is not one of the node keys the verifier trusts.</summary>
    NotANodeKey,

    /// <summary>One node key signs twice: each node counts once.</summary>
    DuplicateSigner,

    /// <summary>Fewer distinct node keys signed than the quorum.</summary>
    BelowQuorum,

    /// <summary>The node-set changes given are out of order, beyond the certificate, or change nothing.</summary>
    BrokenNodeSetChain,

    /// <summary>A node set given is not the one the certificates state: forged, or a change is missing.</summary>
    NodeSetMismatch,
}
