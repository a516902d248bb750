using System.Buffers.Binary;
using System.Text;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Products;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Modules.Supply;

/// <summary>
/// The supply namespace: typed reads over a state reader, and the keys writes go to. Layout
/// (under <c>supply/</c>; GTINs are always 14 digits, so what follows one needs no separator, and
/// variable parts end in 0x00 before a sequence number):
/// <list type="bullet">
/// <item><c>cp/{prefix}</c> <see cref="PrefixRecord"/>; <c>cu/{shorter}</c> marks that a longer assigned prefix starts with it</item>
/// <item><c>p/{gtin}</c> <see cref="ProductRecord"/></item>
/// <item><c>b/{batch id}</c> <see cref="BatchRecord"/>; <c>r/{gtin}{serial prefix}\0{width}</c> <see cref="RangeIndex"/></item>
/// <item><c>l/{gtin}{lot}</c> <see cref="LotRecord"/>; <c>le/{gtin}{lot}\0{seq}</c> lot events</item>
/// <item><c>g/{sscc}</c> <see cref="ContainerRecord"/>: a case or pallet and its packs; <c>ge/{sscc}\0{seq}</c> its own events (packing, unpacking, custody)</item>
/// <item><c>k/{gtin}{serial}</c> <see cref="PackState"/> (only once a pack changed); <c>h/{gtin}{serial}\0{seq}</c> pack events</item>
/// <item><c>v/{tx id}</c> <see cref="VerificationRecord"/>; <c>an</c> alert count; <c>a/{seq, 8 bytes}</c> the tx id of a suspect verification</item>
/// <item><c>e/{event hash}</c> the tx id that applied a captured EPCIS event (<see cref="SupplyEventHash"/>); <c>c/{tx id}</c> that event's hash</item>
/// <item><c>x/{event hash}</c> the tx id of the undo that declared that event in error (an EPCIS errorDeclaration)</item>
/// </list>
/// With a <see cref="SupplyReadCache"/> (the node's reads of committed state) products, prefix
/// owners, serial ranges, batches and lots come from it; without one (execution) every read goes to the state.
/// </summary>
public sealed class SupplyState(IStateReader supply, SupplyReadCache? cache = null)
{
    public static readonly byte[] AlertPrefix = "a/"u8.ToArray();
    private static readonly byte[] AlertCountKey = "an"u8.ToArray();

    public PrefixRecord? Prefix(CompanyPrefix prefix) => supply.Get(PrefixKey(prefix)) is { } b ? PrefixRecord.Decode(b) : null;

    public bool HasLongerPrefix(CompanyPrefix prefix) => supply.Get(CoveredKey(prefix.Value)) is not null;

    /// <summary>The organisation whose assigned company prefix covers the GTIN, if any.</summary>
    public OrganisationId? PrefixOwnerOf(Gtin gtin) => cache is null ? ReadPrefixOwnerOf(gtin) : cache.PrefixOwnerOf(gtin, ReadPrefixOwnerOf);

    public PrefixRecord? PrefixRecordOf(Gtin gtin) => CompanyPrefix.CandidatesOf(gtin).Select(Prefix).OfType<PrefixRecord>().FirstOrDefault();

    public ProductRecord? Product(Gtin gtin) => cache is null ? ReadProduct(gtin) : cache.Product(gtin, ReadProduct);

    public BatchRecord? Batch(Hash256 id) => cache is null ? ReadBatch(id) : cache.Batch(id, ReadBatch);

    public LotRecord? Lot(Gtin gtin, string lot) => cache is null ? ReadLot((gtin, lot)) : cache.Lot((gtin, lot), ReadLot);

    public RangeIndex Ranges(Gtin gtin, string prefix, int width) =>
        supply.Get(RangeKey(gtin, prefix, width)) is { } b ? RangeIndex.Decode(b) : RangeIndex.Empty();

    /// <summary>The batch that commissioned the pack, or null if it never was.</summary>
    public BatchRecord? BatchOf(PackId pack)
    {
        var (prefix, width, number) = SerialRange.Split(pack.Serial);
        var ranges = cache is null ? Ranges(pack.Gtin, prefix, width) : cache.Ranges((pack.Gtin, prefix, width), key => Ranges(key.Item1, key.Item2, key.Item3));
        return ranges.Find(number) is { } id ? Batch(id) : null;
    }

    /// <summary>The current organisation a scanning key acts for (the permission service's answer, remembered by the cache when there is one).</summary>
    public OrganisationId? OrganisationOf(Governance.Permissions permissions, Core.Crypto.Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return cache is null ? permissions.OrganisationOf(key) : cache.OrganisationOf(permissions, key);
    }

    public ContainerRecord? Container(Sscc sscc) => supply.Get(ContainerKey(sscc)) is { } b ? ContainerRecord.Decode(b) : null;

    /// <summary>The case's or pallet's own events, oldest first: packing and unpacking, and the custody events applied to it.</summary>
    public IEnumerable<SupplyEvent> ContainerEvents(Sscc sscc)
    {
        var count = Container(sscc)?.State.EventCount ?? 0;
        for (var i = 0; i < count; i++)
        {
            yield return SupplyEvent.Decode(supply.Get(ContainerEventKey(sscc, i))!);
        }
    }

    /// <summary>The company prefix assigned to the owner of an SSCC (its digits after the extension digit), if any.</summary>
    public PrefixRecord? PrefixRecordOf(Sscc sscc) => CompanyPrefix.CandidatesOf(sscc).Select(Prefix).OfType<PrefixRecord>().FirstOrDefault();

    public PackState? Pack(PackId pack) => supply.Get(PackKey(pack)) is { } b ? PackState.Decode(b) : null;

    public IEnumerable<SupplyEvent> PackEvents(PackId pack) => PackEvents(pack, Pack(pack)?.EventCount ?? 0);

    /// <summary>The pack's first <paramref name="count"/> events, for a caller that already holds its state.</summary>
    public IEnumerable<SupplyEvent> PackEvents(PackId pack, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return SupplyEvent.Decode(supply.Get(PackEventKey(pack, i))!);
        }
    }

    /// <summary>The pack's event number <paramref name="sequence"/> (0 is its first after commissioning).</summary>
    public SupplyEvent PackEvent(PackId pack, int sequence) => SupplyEvent.Decode(supply.Get(PackEventKey(pack, sequence))!);

    public IEnumerable<SupplyEvent> LotEvents(Gtin gtin, string lot) => LotEvents(gtin, lot, Lot(gtin, lot)?.EventCount ?? 0);

    /// <summary>The lot's first <paramref name="count"/> events, for a caller that already holds its record.</summary>
    public IEnumerable<SupplyEvent> LotEvents(Gtin gtin, string lot, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return SupplyEvent.Decode(supply.Get(LotEventKey(gtin, lot, i))!);
        }
    }

    public VerificationRecord? Verification(Hash256 txId) => supply.Get(VerificationKey(txId)) is { } b ? VerificationRecord.Decode(b) : null;

    /// <summary>The transaction that applied the EPCIS event with this hash, if one did.</summary>
    public Hash256? EventTransaction(Hash256 eventHash) => supply.Get(EventKey(eventHash)) is { } b ? Hash256.Read(b) : null;

    /// <summary>The hash of the EPCIS event the transaction applied, if it was captured as one.</summary>
    public Hash256? CapturedEvent(Hash256 txId) => supply.Get(CapturedKey(txId)) is { } b ? Hash256.Read(b) : null;

    /// <summary>The undo that declared the EPCIS event with this hash in error, if one did.</summary>
    public Hash256? DeclarationTransaction(Hash256 eventHash) => supply.Get(DeclarationKey(eventHash)) is { } b ? Hash256.Read(b) : null;

    public long AlertCount() => supply.Get(AlertCountKey) is { } b ? BinaryPrimitives.ReadInt64BigEndian(b) : 0;

    private OrganisationId? ReadPrefixOwnerOf(Gtin gtin) => PrefixRecordOf(gtin)?.Owner;

    private ProductRecord? ReadProduct(Gtin gtin) => supply.Get(ProductKey(gtin)) is { } b ? ProductRecord.Decode(b) : null;

    private BatchRecord? ReadBatch(Hash256 id) => supply.Get(BatchKey(id)) is { } b ? BatchRecord.Decode(b) : null;

    private LotRecord? ReadLot((Gtin Gtin, string Lot) key) => supply.Get(LotKey(key.Gtin, key.Lot)) is { } b ? LotRecord.Decode(b) : null;

    public static byte[] PrefixKey(CompanyPrefix prefix) => Ascii("cp/" + prefix.Value);

    public static byte[] CoveredKey(string shorter) => Ascii("cu/" + shorter);

    public static byte[] ProductKey(Gtin gtin) => Ascii("p/" + gtin.Value);

    public static byte[] BatchKey(Hash256 id) => StateKeys.Tagged('b', id);

    public static byte[] LotKey(Gtin gtin, string lot) => Ascii("l/" + gtin.Value + lot);

    public static byte[] LotEventKey(Gtin gtin, string lot, int sequence) => Sequenced("le/" + gtin.Value + lot, sequence);

    public static byte[] RangeKey(Gtin gtin, string prefix, int width) => [.. Ascii("r/" + gtin.Value + prefix), 0, (byte)width];

    public static byte[] ContainerKey(Sscc sscc) => Ascii("g/" + sscc.Value);

    public static byte[] ContainerEventKey(Sscc sscc, int sequence) => Sequenced("ge/" + sscc.Value, sequence);

    public static byte[] PackKey(PackId pack) => Ascii("k/" + pack.Gtin.Value + pack.Serial);

    public static byte[] PackEventKey(PackId pack, int sequence) => Sequenced("h/" + pack.Gtin.Value + pack.Serial, sequence);

    public static byte[] VerificationKey(Hash256 txId) => StateKeys.Tagged('v', txId);

    public static byte[] EventKey(Hash256 eventHash) => StateKeys.Tagged('e', eventHash);

    public static byte[] CapturedKey(Hash256 txId) => StateKeys.Tagged('c', txId);

    public static byte[] DeclarationKey(Hash256 eventHash) => StateKeys.Tagged('x', eventHash);

    public static byte[] AlertCountStateKey() => AlertCountKey;

    public static byte[] AlertKey(long sequence)
    {
        var key = new byte[AlertPrefix.Length + 8];
        AlertPrefix.CopyTo(key, 0);
        BinaryPrimitives.WriteInt64BigEndian(key.AsSpan(AlertPrefix.Length), sequence);
        return key;
    }

    public static byte[] EncodeCount(long count)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, count);
        return bytes;
    }

    private static byte[] Sequenced(string head, int sequence)
    {
        var text = Ascii(head);
        var key = new byte[text.Length + 5];
        text.CopyTo(key, 0);
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(text.Length + 1), sequence);
        return key;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
