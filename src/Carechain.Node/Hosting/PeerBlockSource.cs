using Carechain.Client;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Replication;

namespace Carechain.Node.Hosting;

/// <summary>Another member's API as a source of blocks for catch-up; its answers are validated by <see cref="BlockCatchUp"/>.</summary>
internal sealed class PeerBlockSource(string id, CarechainClient client) : IBlockSource
{
    public string Name => id;

    public async Task<long> GetHeadHeightAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetHeadAsync(cancellationToken).ConfigureAwait(false)).Height;
        }
        catch (CarechainApiException ex)
        {
            throw new BlockSourceException($"{ex.Code}: {ex.Message}", ex);
        }
    }

    public async Task<PeerCertificate?> GetLatestCertificateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var dto = await client.GetCertifiedCheckpointAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ContractMapping.TryParse(dto, out var certificate, out var changes, out var error)
                ? new PeerCertificate(certificate, changes)
                : throw new BlockSourceException($"its latest certificate is malformed: {error}");
        }
        catch (CarechainApiException ex) when (ex.Code == Api.ApiProblem.NotFound)
        {
            return null;
        }
        catch (CarechainApiException ex)
        {
            throw new BlockSourceException($"{ex.Code}: {ex.Message}", ex);
        }
    }

    public async Task<byte[]> GetBlockBatchAsync(long fromHeight, int max, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetBlockBatchAsync(fromHeight, max, cancellationToken).ConfigureAwait(false);
        }
        catch (CarechainApiException ex)
        {
            throw new BlockSourceException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
