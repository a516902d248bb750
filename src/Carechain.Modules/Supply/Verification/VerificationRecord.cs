using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply.Verification;

/// <summary>
/// The answer a supply/verify transaction got, kept on the chain under its transaction id: the
/// pack, authentic or suspect with every reason, who asked, where and when. A suspect answer also
/// raises an alert (<see cref="AlertSequence"/>, else 0).
/// </summary>
public sealed record VerificationRecord(
    Hash256 TxId, PackId Pack, IReadOnlyList<string> Reasons, Ed25519PublicKey Verifier, OrganisationId? Organisation, string Location,
    long Height, long TimestampMs, long AlertSequence)
{
    public const byte FormatVersion = 1;
    private const int MaxReasons = 32;

    public bool Authentic => Reasons.Count == 0;

    public string Status => Authentic ? "authentic" : "suspect";

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(200).Byte(FormatVersion).Hash(TxId).Pack(Pack).VarUInt((ulong)Reasons.Count);
        foreach (var reason in Reasons)
        {
            writer.Text(reason);
        }

        return writer.Key(Verifier).Organisation(Organisation).Text(Location).VarUInt((ulong)Height).VarUInt((ulong)TimestampMs).VarUInt((ulong)AlertSequence).ToArray();
    }

    public static VerificationRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("verification record", FormatVersion);
        var tx = reader.Hash("tx id");
        var pack = SupplyCodec.ReadPack(ref reader);
        var reasons = new string[reader.Length(MaxReasons, "reasons")];
        for (var i = 0; i < reasons.Length; i++)
        {
            reasons[i] = reader.Text(64, "reason");
        }

        var verifier = reader.Key("verifier");
        var organisation = SupplyCodec.ReadOrganisation(ref reader);
        var location = reader.Text(SupplyCodec.MaxLocationBytes, "location");
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        var time = (long)reader.VarUInt(long.MaxValue, "timestamp");
        var alert = (long)reader.VarUInt(long.MaxValue, "alert");
        reader.End("verification record");
        return new VerificationRecord(tx, pack, reasons, verifier, organisation, location, height, time, alert);
    }
}
