namespace Carechain.Client.Contracts;

public sealed record BatchItemResult(string? TxId, string Status, string? Code, string? Detail);
