using System.Text;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// One serialised pack (an SGTIN): a GTIN and a serial of 1 to 20 characters of GS1 character set 82.
/// Serials are case-sensitive. A pack id that exists is well formed.
/// </summary>
public readonly record struct PackId
{
    public const int MaxSerialLength = 20;

    private PackId(Gtin gtin, string serial)
    {
        Gtin = gtin;
        Serial = serial;
    }

    public Gtin Gtin { get; }

    public string Serial { get; }

    public static bool IsSerial(string? serial) =>
        !string.IsNullOrEmpty(serial) && serial.Length <= MaxSerialLength && serial.All(Gs1Values.IsSet82);

    public static bool TryCreate(Gtin gtin, string? serial, out PackId pack)
    {
        pack = default;
        if (!IsSerial(serial) || gtin.Value is null)
        {
            return false;
        }

        pack = new PackId(gtin, serial!);
        return true;
    }

    public static PackId Create(Gtin gtin, string serial) =>
        TryCreate(gtin, serial, out var pack) ? pack : throw new ArgumentException($"'{serial}' is not a GS1 serial (1 to 20 characters of set 82)", nameof(serial));

    /// <summary>The key part <c>gtin || serial</c> (the GTIN has a fixed 14 digits, so the serial is the rest).</summary>
    internal byte[] KeyBytes() => Encoding.ASCII.GetBytes(Gtin.Value + Serial);

    /// <summary>The pure-identity EPC URN needs the company prefix length; this is the GS1 Digital Link form EPCIS 2.0 accepts.</summary>
    public string ToDigitalLink() => $"https://id.gs1.org/01/{Gtin.Value}/21/{Uri.EscapeDataString(Serial)}";

    public override string ToString() => $"(01){Gtin.Value}(21){Serial}";
}
