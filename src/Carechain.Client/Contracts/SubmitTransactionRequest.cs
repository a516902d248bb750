namespace Carechain.Client.Contracts;

public sealed record SubmitTransactionRequest(string Transaction);
