using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Supply;

/// <summary>
/// The EPCIS event hash (CBV 2.0, <c>ni:///sha-256;…</c>) a commission, custody or aggregation
/// payload carries when it was captured as an EPCIS event: the last 32 bytes of the payload, absent
/// otherwise. The module records each hash once (<see cref="SupplyState.EventKey"/>), so one event
/// is never applied twice, however often it is captured or re-signed.
/// </summary>
public static class SupplyEventHash
{
    public static CanonicalWriter Write(CanonicalWriter writer, Hash256? hash)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return hash is { } h ? writer.Hash(h) : writer;
    }

    public static Hash256? Read(ref CanonicalReader reader) => reader.Remaining > 0 ? reader.Hash("event hash") : null;
}
