namespace Carechain.Client.Contracts;

public sealed record SubmitTransactionResponse(string TxId, string Status, long? Height, ReceiptDto? Receipt);
