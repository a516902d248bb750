namespace Carechain.Node.Records;

/// <summary>A transaction this node signed that committed, with the events of its receipt in order.</summary>
internal sealed record NodeSubmission(string TxId, IReadOnlyList<NodeEvent> Events);
