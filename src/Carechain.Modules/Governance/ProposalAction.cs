using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>
/// The change a proposal asks for. Its canonical form is a kind byte and the kind's fields; a
/// decoded action is well formed (a valid organisation, key or policy shape), though whether it
/// still fits the consortium is decided when it is proposed and again when it is adopted.
/// </summary>
public abstract record ProposalAction
{
    public abstract ProposalKind Kind { get; }

    /// <summary>The kind as events and clients spell it, e.g. <c>add-organisation</c>.</summary>
    public string KindName => Kind switch
    {
        ProposalKind.AddOrganisation => "add-organisation",
        ProposalKind.RemoveOrganisation => "remove-organisation",
        ProposalKind.AddNodeKey => "add-node-key",
        ProposalKind.RemoveNodeKey => "remove-node-key",
        _ => "change-policy",
    };

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Byte((byte)Kind);
        WriteFields(writer);
    }

    public static ProposalAction Read(ref CanonicalReader reader)
    {
        var at = reader.Position;
        switch (reader.Byte())
        {
            case (byte)ProposalKind.AddOrganisation:
                return new AddOrganisationAction(Organisation.Read(ref reader));
            case (byte)ProposalKind.RemoveOrganisation:
                return new RemoveOrganisationAction(ReadId(ref reader));
            case (byte)ProposalKind.AddNodeKey:
                return new AddNodeKeyAction(ReadId(ref reader), reader.Key("node key"));
            case (byte)ProposalKind.RemoveNodeKey:
                return new RemoveNodeKeyAction(ReadId(ref reader), reader.Key("node key"));
            case (byte)ProposalKind.ChangePolicy:
                var approvals = (int)reader.VarUInt(int.MaxValue, "approvals");
                var lifetime = (long)reader.VarUInt(GovernancePolicy.MaxProposalLifetimeBlocks, "proposal lifetime");
                return new ChangePolicyAction(new GovernancePolicy(approvals, lifetime));
            case var other:
                throw new CodecException($"Unknown proposal kind {other}", at);
        }
    }

    protected abstract void WriteFields(CanonicalWriter writer);

    private static OrganisationId ReadId(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var text = reader.Text(OrganisationId.MaxLength, "organisation id");
        return OrganisationId.TryParse(text, out var id) ? id : throw new CodecException($"'{text}' is not an organisation id", at);
    }
}
