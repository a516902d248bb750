using System.Text;
using Carechain.Core.Codec;
using Carechain.Vault.Records;

namespace Carechain.Vault.Envelope;

/// <summary>
/// The canonical bytes of a record version header, and the associated data built from them. Each
/// use has its own label, so bytes authenticated as one part (body, custodian wrap, patient wrap)
/// never verify as another.
/// </summary>
internal static class HeaderEncoding
{
    public static readonly byte[] BodyLabel = Encoding.ASCII.GetBytes("carechain/vault/body/v1\0");
    public static readonly byte[] CustodianWrapLabel = Encoding.ASCII.GetBytes("carechain/vault/custodian-wrap/v1\0");
    public static readonly byte[] PatientWrapLabel = Encoding.ASCII.GetBytes("carechain/vault/patient-wrap/v1\0");

    public static void Write(CanonicalWriter writer, RecordVersionHeader header)
    {
        writer.Text(header.Id.Value)
            .VarUInt((ulong)header.Version)
            .Text(header.ResourceType.Name)
            .Key(header.Patient);
    }

    public static RecordVersionHeader Read(ref CanonicalReader reader)
    {
        var idText = reader.Text(RecordId.MaxLength, "record id");
        var version = reader.VarUInt(long.MaxValue, "version");
        var typeText = reader.Text(ResourceType.MaxLength, "resource type");
        var patient = reader.Key("patient");
        if (!RecordId.TryParse(idText, out var id) || !ResourceType.TryParse(typeText, out var type) || version < 1)
        {
            throw new CodecException("the envelope header is not valid", reader.Position);
        }

        return new RecordVersionHeader(id, (long)version, type, patient);
    }

    /// <summary><c>label || header || extra</c>: the associated data for one AEAD operation.</summary>
    public static byte[] AssociatedData(byte[] label, RecordVersionHeader header, ReadOnlySpan<byte> extra = default)
    {
        // Label, a header with a 64-character id and a 32-byte extra fit without the buffer growing.
        var writer = new CanonicalWriter(256);
        writer.Fixed(label);
        Write(writer, header);
        writer.Fixed(extra);
        return writer.ToArray();
    }
}
