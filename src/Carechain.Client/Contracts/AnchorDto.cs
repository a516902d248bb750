namespace Carechain.Client.Contracts;

public sealed record AnchorDto(string Hash, string Author, string TxId, long Height, long TimestampMs, string Label, string MediaType);
