using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>
/// A governance proposal as state holds it. Its id is the id of the transaction that proposed it.
/// <see cref="Approvals"/> lists each approving organisation once, in vote order, the proposer's
/// organisation first; it can be approved at heights up to and including
/// <see cref="ExpiresAfterHeight"/>.
/// </summary>
public sealed record ProposalRecord(
    Hash256 Id,
    ProposalAction Action,
    OrganisationId Proposer,
    long ProposedHeight,
    long ExpiresAfterHeight,
    IReadOnlyList<OrganisationId> Approvals,
    ProposalStatus Status,
    long AdoptedHeight)
{
    public const byte FormatVersion = 1;
    public const int MaxApprovals = 1024;

    public bool IsExpiredAt(long height) => height > ExpiresAfterHeight;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(256);
        writer.Byte(FormatVersion).Hash(Id);
        Action.WriteTo(writer);
        writer.Text(Proposer.Value).VarUInt((ulong)ProposedHeight).VarUInt((ulong)ExpiresAfterHeight).VarUInt((ulong)Approvals.Count);
        foreach (var organisation in Approvals)
        {
            writer.Text(organisation.Value);
        }

        writer.Byte((byte)Status).VarUInt((ulong)AdoptedHeight);
        return writer.ToArray();
    }

    public static ProposalRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("proposal record", FormatVersion);
        var id = reader.Hash("proposal id");
        var action = ProposalAction.Read(ref reader);
        var proposer = ReadId(ref reader);
        var proposed = (long)reader.VarUInt(long.MaxValue, "proposed height");
        var expires = (long)reader.VarUInt(long.MaxValue, "expiry height");
        var approvals = new OrganisationId[reader.Length(MaxApprovals, "approval list")];
        for (var i = 0; i < approvals.Length; i++)
        {
            approvals[i] = ReadId(ref reader);
        }

        var at = reader.Position;
        var status = reader.Byte() switch
        {
            0 => ProposalStatus.Open,
            1 => ProposalStatus.Adopted,
            var other => throw new CodecException($"Unknown proposal status {other}", at),
        };
        var adopted = (long)reader.VarUInt(long.MaxValue, "adopted height");
        reader.End("proposal record");
        return new ProposalRecord(id, action, proposer, proposed, expires, approvals, status, adopted);
    }

    private static OrganisationId ReadId(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var text = reader.Text(OrganisationId.MaxLength, "organisation id");
        return OrganisationId.TryParse(text, out var id) ? id : throw new CodecException($"'{text}' is not an organisation id", at);
    }
}
