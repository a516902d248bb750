using System.Collections.Concurrent;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Products;

namespace Carechain.Modules.Supply;

/// <summary>
/// Decoded catalogue reads of one version of the committed state: products, prefix owners, serial
/// range indexes, batches, lots, and the organisation a scanning key acts for. A scan reads these
/// for every pack although they change only with a block, so the node keeps one cache per committed
/// block and starts a new one when the next block commits; a cache is never used for a block being
/// executed. Absent records are remembered too. Packs, their events and verifications are not cached:
/// there are millions of them and each is read by few scans. At most <see cref="MaxEntries"/>
/// records are kept; beyond that reads go to the state.
/// </summary>
public sealed class SupplyReadCache
{
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<Gtin, ProductRecord?> _products = new();
    private readonly ConcurrentDictionary<Gtin, OrganisationId?> _prefixOwners = new();
    private readonly ConcurrentDictionary<(Gtin Gtin, string Prefix, int Width), RangeIndex> _ranges = new();
    private readonly ConcurrentDictionary<Hash256, BatchRecord?> _batches = new();
    private readonly ConcurrentDictionary<(Gtin Gtin, string Lot), LotRecord?> _lots = new();
    private readonly ConcurrentDictionary<Ed25519PublicKey, OrganisationId?> _organisations = new();
    private int _entries;

    internal ProductRecord? Product(Gtin gtin, Func<Gtin, ProductRecord?> read) => Get(_products, gtin, read);

    internal OrganisationId? PrefixOwnerOf(Gtin gtin, Func<Gtin, OrganisationId?> read) => Get(_prefixOwners, gtin, read);

    /// <summary>A range index to search, never to change: it is shared by every reader of this version.</summary>
    internal RangeIndex Ranges((Gtin, string, int) key, Func<(Gtin, string, int), RangeIndex> read) => Get(_ranges, key, read);

    internal BatchRecord? Batch(Hash256 id, Func<Hash256, BatchRecord?> read) => Get(_batches, id, read);

    internal LotRecord? Lot((Gtin, string) key, Func<(Gtin, string), LotRecord?> read) => Get(_lots, key, read);

    /// <summary>The current organisation <paramref name="key"/> acts for in this version of the state, as <paramref name="permissions"/> answers it.</summary>
    public OrganisationId? OrganisationOf(Permissions permissions, Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return Get(_organisations, key, permissions.OrganisationOf);
    }

    private TValue Get<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, Func<TKey, TValue> read)
        where TKey : notnull
    {
        if (cache.TryGetValue(key, out var value))
        {
            return value;
        }

        value = read(key);
        if (Volatile.Read(ref _entries) < MaxEntries && cache.TryAdd(key, value))
        {
            Interlocked.Increment(ref _entries);
        }

        return value;
    }
}
