using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Carechain.Fhir.Parsing;

/// <summary>
/// The JSON a single create or update stores and answers, made from the body the client sent instead
/// of serialising the resource again: <c>resourceType</c>, the server's <c>id</c> and <c>meta</c>
/// first, then every other top-level property of the body, value bytes as sent. The client's own
/// <c>id</c>, <c>_id</c> and <c>meta</c> are dropped, as setting them on the resource replaces them.
/// Only for a body <see cref="FhirResourceReader.Read(ReadOnlySpan{byte}, string?)"/> accepted: it
/// refuses unknown, duplicate and malformed properties, so what is copied is exactly what was
/// validated, and the result reads back as the resource with its id and meta.
/// </summary>
public static class StoredResourceJson
{
    private static readonly FhirJsonSerializer Serializer = new();
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The stored JSON of <paramref name="resource"/> (its id and meta already set), read from <paramref name="body"/>.</summary>
    public static byte[] Of(ReadOnlySpan<byte> body, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resource.Meta);
        var buffer = new ArrayBufferWriter<byte>(body.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType"u8, resource.TypeName);
            writer.WriteString("id"u8, resource.Id);
            writer.WritePropertyName("meta"u8);
            Serializer.Serialize(resource.Meta, writer);

            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var replaced = reader.ValueTextEquals("resourceType"u8) || reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("_id"u8) || reader.ValueTextEquals("meta"u8);
                if (!replaced)
                {
                    writer.WritePropertyName(reader.GetString()!);
                }

                reader.Read();
                var start = reader.TokenStartIndex;
                reader.Skip();
                if (!replaced)
                {
                    writer.WriteRawValue(body[(int)start..(int)reader.BytesConsumed], skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
