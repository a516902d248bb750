using System.Globalization;
using System.Net.Http.Headers;

namespace Carechain.Client;

public sealed partial class CarechainClient
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptOctets = new("application/octet-stream");

    /// <summary>
    /// Up to <paramref name="max"/> committed blocks from <paramref name="fromHeight"/> on, with their
    /// transactions, as the node stores them: the bytes of a <c>BlockBatch</c> (member-to-member catch-up).
    /// An empty batch when the node's head is below <paramref name="fromHeight"/>. The caller validates every block.
    /// </summary>
    public async Task<byte[]> GetBlockBatchAsync(long fromHeight, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        using var request = new HttpRequestMessage(
            HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/v1/sync/blocks?from={fromHeight}&max={max}"));
        request.Headers.Accept.Add(AcceptOctets);
        request.Headers.Accept.Add(AcceptProblem);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CarechainApiException(null, ClientErrorCodes.Unreachable, OneLineText.From(ex.Message), ex);
        }
        catch (IOException ex)
        {
            throw new CarechainApiException(null, ClientErrorCodes.Unreachable, OneLineText.From(ex.Message), ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CarechainApiException(null, ClientErrorCodes.Unreachable, "the node did not answer in time", ex);
        }
    }
}
