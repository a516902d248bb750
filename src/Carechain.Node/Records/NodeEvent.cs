namespace Carechain.Node.Records;

/// <summary>One event of a committed receipt, whether this node or the leader it forwarded to executed it.</summary>
internal sealed record NodeEvent(string Name, IReadOnlyDictionary<string, string> Attributes);
