using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Governance;

/// <summary>Canonical payloads of the governance module's operations, for clients and the module alike.</summary>
public static class GovernancePayloads
{
    public const string Propose = "propose";
    public const string Approve = "approve";

    public static byte[] EncodePropose(ProposalAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var writer = new CanonicalWriter(256);
        action.WriteTo(writer);
        return writer.ToArray();
    }

    public static ProposalAction DecodePropose(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var action = ProposalAction.Read(ref reader);
        reader.End("propose payload");
        return action;
    }

    /// <summary>An approval names the proposal by its id: the id of the transaction that proposed it.</summary>
    public static byte[] EncodeApprove(Hash256 proposal) => new CanonicalWriter(40).Hash(proposal).ToArray();

    public static Hash256 DecodeApprove(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var proposal = reader.Hash("proposal id");
        reader.End("approve payload");
        return proposal;
    }
}
