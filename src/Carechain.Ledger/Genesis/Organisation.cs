using Carechain.Core.Codec;
using Carechain.Core.Crypto;

namespace Carechain.Ledger.Genesis;

/// <summary>
/// A consortium organisation as the genesis document founds it or a governance proposal admits it:
/// a well-formed id and name, at least one admin key, and no key listed twice. Its admin keys
/// govern; its node keys run nodes (and produce blocks). The same key may be both.
/// </summary>
public sealed class Organisation
{
    public const int MaxNameBytes = 100;
    public const int MaxKeys = 16;

    public Organisation(
        OrganisationId id, string name, OrganisationKind kind, IReadOnlyList<Ed25519PublicKey> adminKeys, IReadOnlyList<Ed25519PublicKey> nodeKeys)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(adminKeys);
        ArgumentNullException.ThrowIfNull(nodeKeys);
        var problem = Problem(id, name, kind, adminKeys, nodeKeys);
        if (problem is not null)
        {
            throw new InvalidGenesisException($"organisation '{id}': {problem}");
        }

        Id = id;
        Name = name;
        Kind = kind;
        AdminKeys = [.. adminKeys];
        NodeKeys = [.. nodeKeys];
    }

    public OrganisationId Id { get; }

    public string Name { get; }

    public OrganisationKind Kind { get; }

    public IReadOnlyList<Ed25519PublicKey> AdminKeys { get; }

    public IReadOnlyList<Ed25519PublicKey> NodeKeys { get; }

    /// <summary>Admin and node keys, each once.</summary>
    public IEnumerable<Ed25519PublicKey> Keys => AdminKeys.Union(NodeKeys);

    public Organisation WithNodeKeys(IReadOnlyList<Ed25519PublicKey> nodeKeys) => new(Id, Name, Kind, AdminKeys, nodeKeys);

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Text(Id.Value).Text(Name).Byte((byte)Kind).VarUInt((ulong)AdminKeys.Count);
        foreach (var key in AdminKeys)
        {
            writer.Key(key);
        }

        writer.VarUInt((ulong)NodeKeys.Count);
        foreach (var key in NodeKeys)
        {
            writer.Key(key);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote; any broken rule is a <see cref="CodecException"/>.</summary>
    public static Organisation Read(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var idText = reader.Text(OrganisationId.MaxLength, "organisation id");
        if (!OrganisationId.TryParse(idText, out var id))
        {
            throw new CodecException($"'{idText}' is not an organisation id", at);
        }

        var name = reader.Text(MaxNameBytes, "organisation name");
        var kindAt = reader.Position;
        var kind = reader.Byte();
        if (!OrganisationKinds.IsDefined(kind))
        {
            throw new CodecException($"Unknown organisation kind {kind}", kindAt);
        }

        var admins = ReadKeys(ref reader, "admin key");
        var nodes = ReadKeys(ref reader, "node key");
        try
        {
            return new Organisation(id, name, (OrganisationKind)kind, admins, nodes);
        }
        catch (InvalidGenesisException ex)
        {
            throw new CodecException(ex.Message, ex);
        }
    }

    private static Ed25519PublicKey[] ReadKeys(ref CanonicalReader reader, string what)
    {
        var keys = new Ed25519PublicKey[reader.Length(MaxKeys, what + " list")];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = reader.Key(what);
        }

        return keys;
    }

    private static string? Problem(
        OrganisationId id, string name, OrganisationKind kind, IReadOnlyList<Ed25519PublicKey> adminKeys, IReadOnlyList<Ed25519PublicKey> nodeKeys)
    {
        if (id.Value.Length == 0)
        {
            return "the id is empty";
        }

        if (name.Length == 0 || name.Trim().Length != name.Length || name.Any(char.IsControl)
            || System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return $"the name must be 1 to {MaxNameBytes} bytes without control characters or surrounding spaces";
        }

        if (!Enum.IsDefined(kind))
        {
            return $"unknown kind {(byte)kind}";
        }

        if (adminKeys.Count is 0 or > MaxKeys || nodeKeys.Count > MaxKeys)
        {
            return $"needs 1 to {MaxKeys} admin keys and at most {MaxKeys} node keys";
        }

        if (adminKeys.Distinct().Count() != adminKeys.Count || nodeKeys.Distinct().Count() != nodeKeys.Count)
        {
            return "a key is listed twice";
        }

        return null;
    }
}
