using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Carechain.Client.Contracts;

namespace Carechain.Client;

public sealed partial class CarechainClient
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptProblem = new("application/problem+json");

    /// <summary>
    /// Sends one request and turns every way it can go wrong into <see cref="CarechainApiException"/>,
    /// except cancellation by <paramref name="cancellationToken"/>, which propagates as such.
    /// </summary>
    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.Accept.Add(AcceptProblem);
        try
        {
            // Headers first: an error body is read as a problem document, a success body as T.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
            }

            return await ReadBodyAsync<T>(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CarechainApiException(null, ClientErrorCodes.Unreachable, OneLineText.From(ex.Message), ex);
        }
        catch (IOException ex)
        {
            // The connection broke while the body was being read.
            throw new CarechainApiException(null, ClientErrorCodes.Unreachable, OneLineText.From(ex.Message), ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation, so HttpClient.Timeout expired: the node did not answer in time.
            throw new CarechainApiException(null, ClientErrorCodes.Unreachable, "the node did not answer in time", ex);
        }
    }

    private static async Task<T> ReadBodyAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(CarechainJson.Wire, cancellationToken).ConfigureAwait(false);
            return value ?? throw InvalidResponse(response.StatusCode, $"the node answered null instead of {typeof(T).Name}", null);
        }
        catch (JsonException ex)
        {
            throw InvalidResponse(response.StatusCode, $"the node's answer is not a valid {typeof(T).Name}: {OneLineText.From(ex.Message)}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // ReadFromJsonAsync reports an unknown charset this way.
            throw InvalidResponse(response.StatusCode, $"the node's answer cannot be read: {OneLineText.From(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// The exception for an error status. The problem document's <c>code</c> wins; a body that is not a
    /// problem document (a proxy's HTML page, say) still yields an exception, with code <c>http_NNN</c>.
    /// </summary>
    private static async Task<CarechainApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemDto? problem = null;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<ProblemDto>(CarechainJson.Wire, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // An unreadable problem body still tells us the status; fall through to http_NNN.
            }
        }

        var code = string.IsNullOrWhiteSpace(problem?.Code)
            ? ClientErrorCodes.HttpStatusPrefix + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
            : OneLineText.From(problem.Code);
        var detail = FirstNonBlank(problem?.Detail, problem?.Title, response.ReasonPhrase);
        return new CarechainApiException(response.StatusCode, code, detail is null ? null : OneLineText.From(detail));
    }

    private static CarechainApiException InvalidResponse(HttpStatusCode status, string detail, Exception? inner) =>
        new(status, ClientErrorCodes.InvalidResponse, detail, inner);

    private static string? FirstNonBlank(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
