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
        if (request.ContentLength is { } declared)
        {
            // The usual case: the body is read straight into an array of its declared size, without a
            // copy buffer per request. Kestrel ends the body at the declared length; a body shorter than
            // it fails the read as any truncated request does.
            if (declared > FhirResourceReader.MaxBytes)
            {
                return null;
            }

            var exact = new byte[declared];
            await request.Body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
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
