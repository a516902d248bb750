namespace Carechain.Client.Contracts;

public sealed record TransactionDto(
    string TxId, string ChainId, string Author, ulong Nonce, string Module, string Operation, string Payload, string Signature,
    long Height, int Index, long LogIndex, ReceiptDto Receipt);
