namespace Carechain.Client.Contracts;

public sealed record SubmitBatchResponse(IReadOnlyList<BatchItemResult> Results);
