namespace Carechain.Client.Contracts;

public sealed record SubmitBatchRequest(IReadOnlyList<string> Transactions);

/// <summary>
/// The answer to a submission. <c>status</c> is "pending" (admitted, not yet in a block) or
/// "committed" (durably in block <c>height</c>; <c>receipt</c> says whether it succeeded).
/// </summary>
