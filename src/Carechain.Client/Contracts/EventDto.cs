namespace Carechain.Client.Contracts;

public sealed record EventDto(string Name, IReadOnlyDictionary<string, string> Attributes);
