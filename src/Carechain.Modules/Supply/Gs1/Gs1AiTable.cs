using System.Collections.Frozen;

namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// The application identifiers Carechain reads: keys, dates and attributes used on medicine packs,
/// cases and pallets (GS1 General Specifications, section 3). Lengths exclude the AI itself.
/// </summary>
public static class Gs1AiTable
{
    private static readonly FrozenDictionary<string, Gs1ApplicationIdentifier> Table = new[]
    {
        Fixed("00", "SSCC", Gs1AiKind.Numeric, 18),
        Fixed("01", "GTIN", Gs1AiKind.Numeric, 14),
        Fixed("02", "CONTENT", Gs1AiKind.Numeric, 14),
        Variable("10", "BATCH/LOT", Gs1AiKind.Alphanumeric, 20),
        Fixed("11", "PROD DATE", Gs1AiKind.Date, 6),
        Fixed("13", "PACK DATE", Gs1AiKind.Date, 6),
        Fixed("15", "BEST BEFORE", Gs1AiKind.Date, 6),
        Fixed("16", "SELL BY", Gs1AiKind.Date, 6),
        Fixed("17", "USE BY OR EXPIRY", Gs1AiKind.Date, 6),
        Fixed("20", "VARIANT", Gs1AiKind.Numeric, 2),
        Variable("21", "SERIAL", Gs1AiKind.Alphanumeric, 20),
        Variable("22", "CPV", Gs1AiKind.Alphanumeric, 20),
        Variable("30", "VAR. COUNT", Gs1AiKind.Numeric, 8),
        Variable("37", "COUNT", Gs1AiKind.Numeric, 8),
        Variable("240", "ADDITIONAL ID", Gs1AiKind.Alphanumeric, 30),
        Variable("241", "CUST. PART No.", Gs1AiKind.Alphanumeric, 30),
        Variable("250", "SECONDARY SERIAL", Gs1AiKind.Alphanumeric, 30),
        Variable("400", "ORDER NUMBER", Gs1AiKind.Alphanumeric, 30),
        Fixed("410", "SHIP TO LOC", Gs1AiKind.Numeric, 13),
        Fixed("411", "BILL TO", Gs1AiKind.Numeric, 13),
        Fixed("412", "PURCHASE FROM", Gs1AiKind.Numeric, 13),
        Fixed("413", "SHIP FOR LOC", Gs1AiKind.Numeric, 13),
        Fixed("414", "LOC No.", Gs1AiKind.Numeric, 13),
        Variable("710", "NHRN PZN", Gs1AiKind.Alphanumeric, 20),
        Variable("711", "NHRN CIP", Gs1AiKind.Alphanumeric, 20),
        Variable("712", "NHRN CN", Gs1AiKind.Alphanumeric, 20),
        Variable("713", "NHRN DRN", Gs1AiKind.Alphanumeric, 20),
        Variable("714", "NHRN AIM", Gs1AiKind.Alphanumeric, 20),
    }.ToFrozenDictionary(ai => ai.Code, StringComparer.Ordinal);

    public static bool TryGet(ReadOnlySpan<char> code, out Gs1ApplicationIdentifier ai) =>
        Table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out ai!);

    public static Gs1ApplicationIdentifier Get(string code) =>
        Table.TryGetValue(code, out var ai) ? ai : throw new ArgumentOutOfRangeException(nameof(code), code, "not a supported AI");

    public static IEnumerable<Gs1ApplicationIdentifier> All => Table.Values;

    private static Gs1ApplicationIdentifier Fixed(string code, string title, Gs1AiKind kind, int length) => new(code, title, kind, length, length, Predefined: true);

    private static Gs1ApplicationIdentifier Variable(string code, string title, Gs1AiKind kind, int max) => new(code, title, kind, 1, max, Predefined: false);
}
