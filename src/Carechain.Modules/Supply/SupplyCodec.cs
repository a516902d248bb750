using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply;

/// <summary>Canonical reading and writing of the supply identifiers; a value that decodes is well formed.</summary>
internal static class SupplyCodec
{
    public const int MaxLotLength = 20;
    public const int MaxLocationBytes = 64;
    public const int MaxReasonBytes = 32;

    public static CanonicalWriter Gtin(this CanonicalWriter writer, Gtin gtin) => writer.Text(gtin.Value);

    public static Gtin ReadGtin(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var text = reader.Text(14, "gtin");
        return text.Length == 14 && Gs1.Gtin.TryParse(text, out var gtin, out _) ? gtin : throw new CodecException($"'{text}' is not a GTIN-14", at);
    }

    public static CanonicalWriter Pack(this CanonicalWriter writer, PackId pack) => writer.Gtin(pack.Gtin).Text(pack.Serial);

    public static PackId ReadPack(ref CanonicalReader reader)
    {
        var gtin = ReadGtin(ref reader);
        var at = reader.Position;
        var serial = reader.Text(PackId.MaxSerialLength, "serial");
        return PackId.TryCreate(gtin, serial, out var pack) ? pack : throw new CodecException("the serial is not 1 to 20 characters of GS1 set 82", at);
    }

    public static CanonicalWriter Organisation(this CanonicalWriter writer, OrganisationId? id) => writer.Text(id?.Value ?? string.Empty);

    public static OrganisationId? ReadOrganisation(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var text = reader.Text(OrganisationId.MaxLength, "organisation");
        if (text.Length == 0)
        {
            return null;
        }

        return OrganisationId.TryParse(text, out var id) ? id : throw new CodecException($"'{text}' is not an organisation id", at);
    }

    public static CanonicalWriter Date(this CanonicalWriter writer, DateOnly date) => writer.VarUInt((ulong)date.DayNumber);

    public static DateOnly ReadDate(ref CanonicalReader reader) => DateOnly.FromDayNumber((int)reader.VarUInt((ulong)DateOnly.MaxValue.DayNumber, "date"));

    public static CanonicalWriter OptionalDate(this CanonicalWriter writer, DateOnly? date) =>
        date is { } d ? writer.Bool(true).Date(d) : writer.Bool(false);

    public static DateOnly? ReadOptionalDate(ref CanonicalReader reader) => reader.Bool() ? ReadDate(ref reader) : null;

    /// <summary>A lot (AI 10): 1 to 20 characters of GS1 set 82.</summary>
    public static bool IsLot(string? lot) => !string.IsNullOrEmpty(lot) && lot.Length <= MaxLotLength && lot.All(Gs1Values.IsSet82);

    /// <summary>Where an event happened (a GLN or a site name): printable ASCII, no surrounding spaces, at most 64 bytes; may be empty.</summary>
    public static bool IsLocation(string location) =>
        location.Length <= MaxLocationBytes && location.All(c => c is >= ' ' and <= '~') && location.Trim().Length == location.Length;
}
