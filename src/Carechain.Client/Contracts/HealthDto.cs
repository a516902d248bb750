namespace Carechain.Client.Contracts;

public sealed record HealthDto(string Status, long Height);
