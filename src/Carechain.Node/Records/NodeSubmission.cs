namespace Carechain.Node.Records;

/// <summary>A transaction this node signed that committed, with the attributes of the event it was waited for.</summary>
internal sealed record NodeSubmission(string TxId, IEnumerable<KeyValuePair<string, string>> Attributes);
