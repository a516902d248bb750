using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Node.Api.Supply;

/// <summary>Reads a pack from any GS1 form a client sends: a scanner string, the bracketed form or a Digital Link URI.</summary>
internal static class PackCodes
{
    public const int MaxCodeLength = 512;

    public static bool TryRead(string? code, int referenceYear, out PackId pack, out string detail) =>
        TryRead(code, referenceYear, out pack, out _, out detail);

    /// <summary>Reads a pack and keeps the parsed code, whose printed lot and expiry a verification compares with the chain's.</summary>
    public static bool TryRead(string? code, int referenceYear, out PackId pack, out Gs1Code? parsed, out string detail)
    {
        pack = default;
        parsed = null;
        detail = string.Empty;
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength)
        {
            detail = $"code is a GS1 barcode of 1 to {MaxCodeLength} characters naming a GTIN (01) and a serial (21)";
            return false;
        }

        if (!Gs1Code.TryParse(code, referenceYear, out parsed, out var error))
        {
            detail = $"code is not a GS1 barcode: {error}";
            return false;
        }

        if (parsed!.Gtin is not { } gtin || !PackId.TryCreate(gtin, parsed.Serial, out pack))
        {
            detail = "code must name a GTIN (01) and a serial (21)";
            return false;
        }

        return true;
    }
}
