using Carechain.Core.Hashing;
using Carechain.Modules.Supply.Epcis;

namespace Carechain.Client.Epcis;

/// <summary>
/// What one EPCIS event means on the chain: a supply operation and its canonical payload, which
/// carries the event's CBV 2.0 hash (<see cref="EventHash"/>; as an eventID, <see cref="EventId"/>).
/// </summary>
public sealed record EpcisMappedEvent(string Operation, byte[] Payload, Hash256 EventHash)
{
    public string EventId => EpcisEventHash.IdOf(EventHash.ToArray());
}
