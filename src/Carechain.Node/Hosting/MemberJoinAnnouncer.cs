using Carechain.Client;
using Carechain.Core.Crypto;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Hosting;

/// <summary>
/// How a member whose node key governance added gets into the Raft cluster: it sends its signed join
/// request to every peer in turn until the leader has added it (DotNext then catches it up from the
/// log and commits the larger configuration), asking again while none can.
/// </summary>
internal sealed partial class MemberJoinAnnouncer(ConsortiumMembership membership, string chainId, SigningKey nodeKey, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var join = MemberJoin.Sign(chainId, membership.Options.Local, nodeKey).ToDto();
        var asked = 0;
        while (true)
        {
            foreach (var (id, client) in membership.PeerClients())
            {
                try
                {
                    var joined = await client.JoinAsync(join, cancellationToken).ConfigureAwait(false);
                    LogJoined(logger, join.Id, joined.AddedBy);
                    return;
                }
                catch (CarechainApiException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // A follower (not_leader), an unreachable peer, or a leader that could not add it
                    // yet; a refusal (join_refused: the key is not in force) is logged now and then.
                    if (ex.Code == Api.ApiProblem.JoinRefused && asked++ % 20 == 0)
                    {
                        LogRefused(logger, join.Id, id, ex.Message);
                    }
                }
            }

            await Task.Delay(RetryPause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Member {Id} joined the Raft cluster: leader {Leader} added it")]
    private static partial void LogJoined(ILogger logger, string id, string leader);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Member {Id} may not join yet: {Peer} refused it: {Reason}")]
    private static partial void LogRefused(ILogger logger, string id, string peer, string reason);
}
