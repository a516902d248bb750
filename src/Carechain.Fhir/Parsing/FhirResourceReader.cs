using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Carechain.Fhir.Outcomes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace Carechain.Fhir.Parsing;

/// <summary>
/// Reads FHIR R4 JSON into the Firely SDK's resource classes, validating as it goes (types,
/// cardinality, required bindings, unknown elements). Anything wrong becomes a
/// <see cref="FhirInputException"/> with one issue per problem the validator found, located by
/// FHIRPath; the offending values themselves are withheld from the messages, since they may be
/// health data.
/// </summary>
public static class FhirResourceReader
{
    /// <summary>The largest resource or Bundle body the FHIR API reads.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly FhirJsonSerializer Serializer = new();
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a resource of any type.</summary>
    public static Resource Read(ReadOnlySpan<byte> json) => Read(json, expectedType: null);

    /// <summary>Reads a resource and requires it to be of <paramref name="expectedType"/> when given.</summary>
    public static Resource Read(ReadOnlySpan<byte> json, string? expectedType)
    {
        if (json.IsEmpty)
        {
            throw new FhirInputException(new FhirIssue(OperationOutcome.IssueType.Structure, "the body is empty; a FHIR JSON resource is expected"));
        }

        if (json.Length > MaxBytes)
        {
            throw new FhirInputException(new FhirIssue(OperationOutcome.IssueType.TooCostly, $"the body is larger than {MaxBytes} bytes"));
        }

        var first = json.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 || json[first] != (byte)'{')
        {
            throw new FhirInputException(new FhirIssue(OperationOutcome.IssueType.Structure, "the body is not a FHIR resource: a JSON object with resourceType is expected"));
        }

        Resource resource;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            resource = Deserializer.DeserializeResource(ref reader);
        }
        catch (DeserializationFailedException failed)
        {
            throw new FhirInputException([.. failed.Exceptions.Select(ToIssue)]);
        }
        catch (JsonException malformed)
        {
            throw new FhirInputException(new FhirIssue(
                OperationOutcome.IssueType.Structure,
                $"the body is not well-formed JSON (line {(malformed.LineNumber ?? 0) + 1}, byte {(malformed.BytePositionInLine ?? 0) + 1})"));
        }
        catch (InvalidOperationException)
        {
            // The SDK's reader refuses a body that is JSON but not an object (an array, a number…).
            throw new FhirInputException(new FhirIssue(OperationOutcome.IssueType.Structure, "the body is not a FHIR resource: a JSON object with resourceType is expected"));
        }

        if (expectedType is not null && resource.TypeName != expectedType)
        {
            throw new FhirInputException(new FhirIssue(
                OperationOutcome.IssueType.Invalid,
                $"the body is a {resource.TypeName} but this endpoint takes a {expectedType}",
                "resourceType"));
        }

        return resource;
    }

    /// <summary>
    /// The resource as FHIR JSON bytes, the form the vault encrypts: the UTF-8 of the SDK's JSON text
    /// (non-ASCII characters unescaped, as in <c>SerializeToString</c>), written straight to bytes.
    /// </summary>
    public static byte[] Write(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Serializer.Serialize(resource, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static FhirIssue ToIssue(CodedException problem)
    {
        var validation = problem as CodedValidationException;
        var message = validation?.BaseErrorMessage ?? problem.Message;
        var path = validation?.InstancePath;
        var code = problem.ErrorCode switch
        {
            "PVAL128" => OperationOutcome.IssueType.Structure,
            "PVAL105" or "PVAL106" => OperationOutcome.IssueType.Required,
            "PVAL116" => OperationOutcome.IssueType.CodeInvalid,
            _ => OperationOutcome.IssueType.Invalid,
        };
        var expression = path?.StartsWith("$this", StringComparison.Ordinal) == false ? path : null;
        return new FhirIssue(code, $"{WithholdValue(message)} [{problem.ErrorCode}]", expression);
    }

    /// <summary>
    /// Validator messages such as "string '1990-13-45' is not a correct literal for a date" quote
    /// the instance's value; the value is replaced, keeping what is wrong and where.
    /// </summary>
    internal static string WithholdValue(string message)
    {
        if (!message.StartsWith("string '", StringComparison.Ordinal) && !message.StartsWith("Value '", StringComparison.Ordinal))
        {
            return message;
        }

        var open = message.IndexOf('\'', StringComparison.Ordinal);
        var close = message.LastIndexOf("' is ", StringComparison.Ordinal);
        return close <= open ? message : string.Concat(message.AsSpan(0, open), "(value withheld)", message.AsSpan(close + 1));
    }
}
