namespace Carechain.Client.Epcis;

/// <summary>What one EPCIS event means on the chain: a supply operation and its canonical payload.</summary>
public sealed record EpcisMappedEvent(string Operation, byte[] Payload);
