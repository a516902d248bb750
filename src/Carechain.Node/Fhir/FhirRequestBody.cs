using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Fhir;

/// <summary>Reads a FHIR request body up to <see cref="FhirResourceReader.MaxBytes"/>, never further.</summary>
internal static class FhirRequestBody
{
    /// <summary>The body, or null when it is larger than the limit (then <see cref="TooLarge"/> is the answer).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > FhirResourceReader.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static FhirResult TooLarge() =>
        FhirResult.Outcome(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"the body is larger than {FhirResourceReader.MaxBytes} bytes");

    /// <summary>The FHIR base URL the request came in on, e.g. <c>http://host:port/fhir</c>.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}/fhir";
}
