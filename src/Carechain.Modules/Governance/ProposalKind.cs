namespace Carechain.Modules.Governance;

/// <summary>The changes governance can make. The byte values are part of the payload and state encodings.</summary>
public enum ProposalKind : byte
{
    AddOrganisation = 0,
    RemoveOrganisation = 1,
    AddNodeKey = 2,
    RemoveNodeKey = 3,
    ChangePolicy = 4,
}
