namespace Carechain.Ledger.Execution;

/// <summary>
/// Something a transaction did that clients may want to react to. Attribute values are ids,
/// hashes and codes: never health data.
/// </summary>
public sealed record LedgerEvent(string Name, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    public static LedgerEvent Of(string name, params (string Key, string Value)[] attributes) =>
        new(name, attributes.Select(a => KeyValuePair.Create(a.Key, a.Value)).ToArray());
}
