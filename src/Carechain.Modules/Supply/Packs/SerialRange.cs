using System.Globalization;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// A run of serials <c>prefix + zero-padded number</c>, e.g. <c>A000001</c>…<c>A100000</c> is prefix
/// <c>A</c>, width 6, start 1, count 100,000. The prefix is empty or ends in a non-digit, so every serial
/// splits one way only (<see cref="Split"/>) and a serial belongs to at most one range of a GTIN. A
/// single serial is a range of one; a serial with no trailing digits has width 0.
/// </summary>
public readonly record struct SerialRange(string Prefix, int Width, long Start, long Count)
{
    public const long MaxCount = 10_000_000;
    public const int MaxWidth = 18;

    public long End => Start + Count;

    /// <summary>Null when well formed: the prefix ends in a non-digit, numbers fit the width, serials fit 20 characters.</summary>
    public string? Problem()
    {
        if (Width == 0)
        {
            return Start == 0 && Count == 1 && PackId.IsSerial(Prefix) && Split(Prefix) == (Prefix, 0, 0L)
                ? null
                : "a serial without a number is a range of one";
        }

        if (Width > MaxWidth || Prefix.Length + Width > PackId.MaxSerialLength || (Prefix.Length > 0 && !PackId.IsSerial(Prefix)))
        {
            return $"a serial is 1 to 20 characters of GS1 set 82, its number at most {MaxWidth} digits";
        }

        if (Prefix.Length > 0 && char.IsAsciiDigit(Prefix[^1]))
        {
            return "the prefix must not end in a digit";
        }

        if (Count is < 1 or > MaxCount || Start < 0)
        {
            return $"a range holds 1 to {MaxCount} serials";
        }

        return End > Pow10(Width) ? $"numbers of {Width} digits end at {Pow10(Width) - 1}" : null;
    }

    public string SerialAt(long offset) =>
        Width == 0 ? Prefix : Prefix + (Start + offset).ToString(CultureInfo.InvariantCulture).PadLeft(Width, '0');

    /// <summary>The one (prefix, width, number) a serial splits into: its trailing digits are the number (at most 18 of them).</summary>
    public static (string Prefix, int Width, long Number) Split(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var digits = 0;
        while (digits < serial.Length && digits < MaxWidth && char.IsAsciiDigit(serial[serial.Length - 1 - digits]))
        {
            digits++;
        }

        // An all-digit tail longer than 18 keeps its head digits in the prefix; so does the range form, so both agree.
        var prefix = serial[..^digits];
        if (prefix.Length > 0 && char.IsAsciiDigit(prefix[^1]))
        {
            return (serial, 0, 0);
        }

        return digits == 0 ? (serial, 0, 0) : (prefix, digits, long.Parse(serial.AsSpan(serial.Length - digits), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    public static SerialRange OfOne(string serial)
    {
        var (prefix, width, number) = Split(serial);
        return new SerialRange(prefix, width, number, 1);
    }

    /// <summary>Parses <c>FIRST-LAST</c> (e.g. <c>A0001-A5000</c>): same prefix and width, LAST ≥ FIRST.</summary>
    public static bool TryParse(string? text, out SerialRange range)
    {
        range = default;
        var dash = text?.LastIndexOf('-') ?? -1;
        if (text is null || dash <= 0 || !PackId.IsSerial(text[..dash]) || !PackId.IsSerial(text[(dash + 1)..]))
        {
            return false;
        }

        var first = Split(text[..dash]);
        var last = Split(text[(dash + 1)..]);
        if (first.Width == 0 || first.Prefix != last.Prefix || first.Width != last.Width || last.Number < first.Number)
        {
            return false;
        }

        range = new SerialRange(first.Prefix, first.Width, first.Number, last.Number - first.Number + 1);
        return range.Problem() is null;
    }

    private static long Pow10(int width)
    {
        var value = 1L;
        for (var i = 0; i < width; i++)
        {
            value *= 10;
        }

        return value;
    }

    public override string ToString() => Count == 1 ? SerialAt(0) : $"{SerialAt(0)}-{SerialAt(Count - 1)}";
}
