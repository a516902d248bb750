using System.Threading.Channels;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Ledger.Checkpoints;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Certification;

/// <summary>
/// Sends this node's attestations to one peer, in batches, retrying with back-off while the peer is
/// unreachable, and hands the peer's own attestations from each answer to the certifier. Bounded: when
/// a peer stays away, the oldest unsent attestations are dropped (the peer collects them again from
/// the answers to its own attestations once it is back).
/// </summary>
internal sealed partial class PeerOutbox(string peerId, CarechainClient client, CheckpointCertifier certifier, TimeProvider time, ILogger logger)
{
    private const int Capacity = 1024;
    private const string AttestationRefused = "attestation_refused";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly Channel<CheckpointAttestation> _queue = Channel.CreateBounded<CheckpointAttestation>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Enqueue(CheckpointAttestation attestation) => _queue.Writer.TryWrite(attestation);

    public void Complete() => _queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<CheckpointAttestation>(AttestationBatchDto.MaxAttestations);
        var retry = FirstRetry;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (batch.Count < AttestationBatchDto.MaxAttestations && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                if (await TrySendAsync(batch, cancellationToken).ConfigureAwait(false))
                {
                    batch.Clear();
                    retry = FirstRetry;
                    continue;
                }

                // Keep the newest half of a full batch, so new attestations still fit next time.
                if (batch.Count == AttestationBatchDto.MaxAttestations)
                {
                    batch.RemoveRange(0, batch.Count / 2);
                }

                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<bool> TrySendAsync(List<CheckpointAttestation> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return true;
        }

        AttestationBatchDto answer;
        try
        {
            answer = await client.ExchangeAttestationsAsync(new AttestationBatchDto([.. batch.Select(ContractMapping.ToDto)]), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CarechainApiException ex) when (ex.Code == AttestationRefused)
        {
            // The peer checked and refused them: sending them again would be refused again.
            LogRefusedByPeer(logger, peerId, batch.Count, ex.Message);
            return true;
        }
        catch (CarechainApiException ex)
        {
            // Unreachable, stopping, or busy: try again later.
            LogSendFailed(logger, peerId, batch.Count, ex.Code);
            return false;
        }

        foreach (var dto in answer.Attestations ?? [])
        {
            certifier.Handle(ContractMapping.TryParse(dto, out var attestation, out var error)
                ? certifier.Collector.Add(attestation)
                : Consensus.Certificates.CollectionOutcome.Refused($"peer {peerId} answered a malformed attestation: {error}"));
        }

        return true;
    }

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "Peer {Peer} refused {Count} attestations of this node: {Reason}")]
    private static partial void LogRefusedByPeer(ILogger logger, string peer, int count, string reason);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Debug, Message = "Could not send {Count} attestations to {Peer} ({Code}); retrying")]
    private static partial void LogSendFailed(ILogger logger, string peer, int count, string code);
}
