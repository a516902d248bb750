namespace Carechain.Modules.Governance;

/// <summary>
/// A proposal is open until adopted. Expiry is not a stored status: a proposal is expired at every
/// height past <see cref="ProposalRecord.ExpiresAfterHeight"/>, so no block has to close it.
/// </summary>
public enum ProposalStatus : byte
{
    Open = 0,
    Adopted = 1,
}
