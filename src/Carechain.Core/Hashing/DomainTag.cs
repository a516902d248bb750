namespace Carechain.Core.Hashing;

/// <summary>
/// The closed set of domain-separation tags. Every hash or signature over ledger
/// bytes is taken over <c>tag || 0x00 || bytes</c>, so bytes signed as one kind of
/// object can never be replayed as another.
/// </summary>
public enum DomainTag
{
    Transaction = 1,
    BlockHeader = 2,
    Checkpoint = 3,
    StateCommitment = 4,
    KeyRotation = 5,
    SignedRequest = 6,
    AuthChallenge = 7,
    AuthToken = 8,
    VaultCiphertext = 9,
    DelegatedToken = 10,
    CustodianAnswer = 11,
    NodeSet = 12,
    MemberJoin = 13,
}
