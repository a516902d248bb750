namespace Carechain.Client;

/// <summary>Why <see cref="OfflineProofVerifier"/> refused a proof; <see cref="None"/> when it holds.</summary>
public enum ProofFailure
{
    /// <summary>The proof holds.</summary>
    None = 0,

    /// <summary>The proof file is not a version-1 Carechain inclusion proof, or a field is missing or malformed.</summary>
    MalformedProof,

    /// <summary>The trusted checkpoint has a missing or malformed field.</summary>
    MalformedCheckpoint,

    /// <summary>A checkpoint is signed by a key outside the caller's trusted set.</summary>
    UntrustedSigner,

    /// <summary>A checkpoint's signature does not verify under its signer key.</summary>
    BadSignature,

    /// <summary>The proof and the trusted checkpoint belong to different chains.</summary>
    WrongChain,

    /// <summary>The inclusion proof does not lead from the transaction's leaf to its checkpoint's log root.</summary>
    InclusionMismatch,

    /// <summary>The trusted checkpoint covers fewer transactions than the proof, so it cannot vouch for it.</summary>
    CheckpointOlderThanProof,

    /// <summary>The trusted checkpoint and the proof's checkpoint have the same log size but different roots: someone signed a fork.</summary>
    RootMismatch,

    /// <summary>The trusted checkpoint is newer than the proof, and the proof carries no consistency proof to bridge them.</summary>
    MissingConsistencyProof,

    /// <summary>The consistency proof covers the wrong sizes or does not link the proof's log root to the trusted one.</summary>
    ConsistencyMismatch,

    /// <summary>The checkpoint certificate has a missing or malformed field.</summary>
    MalformedCertificate,

    /// <summary>The checkpoint certificate is not signed by a quorum of the genesis node keys (or carries a bad, duplicate or foreign signature).</summary>
    CertificateRefused,
}
