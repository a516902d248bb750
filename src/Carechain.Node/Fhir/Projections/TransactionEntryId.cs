using System.Globalization;
using Carechain.Core.Hashing;

namespace Carechain.Node.Fhir.Projections;

/// <summary>
/// The FHIR id of what one entry of a many-entry records transaction projects to (ADR 0013): the
/// AuditEvent of one read of a records/access-log, the Provenance of one version anchored by a
/// records/anchor-log or anchor-batch-for. It is the transaction id in lowercase base32 (RFC 4648 alphabet, no padding: 52 characters), a dash, and
/// the entry's index. A FHIR id holds at most 64 characters of [A-Za-z0-9-.], so the 64-hex form
/// of a transaction id leaves no room for the index.
/// </summary>
internal static class TransactionEntryId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int EncodedLength = 52;

    public static string Format(Hash256 txId, int index)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        txId.WriteTo(bytes);
        var chars = new char[EncodedLength];
        int buffer = 0, bits = 0, at = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[at++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        chars[at] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars) + "-" + index.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string id, out Hash256 txId, out int index)
    {
        txId = default;
        index = -1;
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash != EncodedLength
            || !int.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            || index.ToString(CultureInfo.InvariantCulture) != id[(dash + 1)..])
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Hash256.Size];
        int buffer = 0, bits = 0, at = 0;
        foreach (var c in id.AsSpan(0, EncodedLength))
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes[at++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        // 52 characters carry 260 bits: the last 4 must be zero, or two ids would name one transaction.
        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            return false;
        }

        txId = Hash256.Read(bytes);
        return true;
    }
}
