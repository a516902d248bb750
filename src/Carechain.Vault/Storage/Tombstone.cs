using Carechain.Core.Codec;
using Carechain.Vault.Records;

namespace Carechain.Vault.Storage;

/// <summary>
/// What remains of an erased record: its id and, per version, the type and ciphertext hash the
/// chain anchored. No key, no ciphertext, no patient; enough to answer "gone" and to show that
/// the anchors on the chain referred to data that was deliberately destroyed.
/// </summary>
public sealed class Tombstone
{
    private const byte FormatVersion = 1;
    private const int MaxVersions = 1_000_000;

    public Tombstone(RecordId id, IReadOnlyList<VersionSummary> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        Id = id;
        Versions = versions;
    }

    public RecordId Id { get; }

    public IReadOnlyList<VersionSummary> Versions { get; }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(64 + (Versions.Count * 48));
        writer.Byte(FormatVersion).Text(Id.Value).VarUInt((ulong)Versions.Count);
        foreach (var version in Versions)
        {
            writer.VarUInt((ulong)version.Version).Text(version.ResourceType.Name).Hash(version.CiphertextHash);
        }

        return writer.ToArray();
    }

    /// <summary>Throws <see cref="CodecException"/> for anything but a well-formed tombstone.</summary>
    public static Tombstone Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("vault tombstone", FormatVersion);
        if (!RecordId.TryParse(reader.Text(RecordId.MaxLength, "record id"), out var id))
        {
            throw new CodecException("the tombstone's record id is not valid", reader.Position);
        }

        var count = (int)reader.VarUInt(MaxVersions, "version count");
        var versions = new List<VersionSummary>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var number = (long)reader.VarUInt(long.MaxValue, "version");
            if (!ResourceType.TryParse(reader.Text(ResourceType.MaxLength, "resource type"), out var type))
            {
                throw new CodecException("the tombstone's resource type is not valid", reader.Position);
            }

            versions.Add(new VersionSummary(number, type, reader.Hash("ciphertext hash")));
        }

        reader.End("vault tombstone");
        return new Tombstone(id, versions);
    }
}
