using Carechain.Ledger.State;
using Carechain.Ledger.Storage;

namespace Carechain.Node.Api.Records;

/// <summary>
/// One page of a per-patient index in the records namespace, in key order. The cursor is the hex
/// of the last key's suffix after the prefix, so a client passes it back unchanged.
/// </summary>
internal static class StatePage
{
    public const int Size = 200;

    /// <summary>The entries, the next cursor (null on the last page), or false for a malformed cursor.</summary>
    public static bool TryRead(
        LedgerStore store, byte[] namespacedPrefix, string? after, out IReadOnlyList<KeyValuePair<byte[], byte[]>> entries, out string? next)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(namespacedPrefix);
        entries = [];
        next = null;
        var prefix = StateKeys.Full(Modules.Records.RecordsModule.ModuleName, namespacedPrefix);
        byte[]? cursor = null;
        if (after is not null)
        {
            if (after.Length is 0 or > 256 || after.Length % 2 != 0 || !after.All(char.IsAsciiHexDigit))
            {
                return false;
            }

            cursor = [.. prefix, .. Convert.FromHexString(after)];
        }

        entries = store.ScanState(prefix, cursor, Size);
        next = entries.Count == Size ? Convert.ToHexStringLower(entries[^1].Key.AsSpan(prefix.Length)) : null;
        return true;
    }
}
