namespace Carechain.Client.Contracts;

/// <summary>
/// One event of a capture as the node took it: its CBV 2.0 hash id (<c>ni:///sha-256;…</c>, its
/// <c>eventID</c> when it had none), its transaction, and <c>pending</c>, <c>committed</c>,
/// <c>refused</c> (admission's code) or <c>duplicate</c> (the event was applied before by
/// another transaction, <c>duplicate_event</c>; it is not applied again).
/// </summary>
public sealed record EpcisCaptureEventResult(string EventId, string? TxId, string Status, string? Code, string? Detail);
