using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api;

/// <summary>Reads a JSON body into a contract type, turning every kind of bad input into a problem.</summary>
internal static class RequestBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, ApiProblem.MalformedRequest, "send the body as application/json"));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
            return value is null
                ? (null, ApiProblem.For(ApiProblem.MalformedRequest, "the body is empty or null"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblem.For(ApiProblem.MalformedRequest, $"the body is not valid JSON for this request: {ex.Path ?? "$"}"));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ApiProblem.Create(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ApiProblem.RequestTooLarge : ApiProblem.MalformedRequest, "the request body could not be read"));
        }
    }
}
