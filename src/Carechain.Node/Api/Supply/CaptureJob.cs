namespace Carechain.Node.Api.Supply;

/// <summary>One capture as the node took it: its id, when, and each event's transaction with what admission answered.</summary>
internal sealed record CaptureJob(string CaptureId, long CreatedAtMs, IReadOnlyList<CaptureJobItem> Transactions);
