namespace Carechain.Node.Records;

/// <summary>
/// What became of one entry of a group-committed transaction: its transaction id and the event the
/// module emitted for that entry (accepted or refused, told apart by name), or, when the whole
/// transaction failed, no event and the failure's code and detail.
/// </summary>
internal sealed record EntryOutcome(string? TxId, NodeEvent? Event, string Code, string Detail);
