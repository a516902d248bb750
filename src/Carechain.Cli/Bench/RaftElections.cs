using System.Diagnostics.Metrics;

namespace Carechain.Cli.Bench;

/// <summary>
/// Counts, from DotNext's own server-side meters, what disturbs leadership among the Raft members in
/// this process while it listens. A steady consortium under load shows none of either.
/// <list type="bullet">
/// <item><see cref="Timeouts"/>: a member (re)entered the follower state, which in a steady term happens
/// only when a follower's election timer fired without the leader's heartbeat (it then asks for
/// pre-votes and, refused, follows again, having forgotten the leader meanwhile), or when a new term
/// begins.</item>
/// <item><see cref="Elections"/>: a member became a candidate, i.e. pre-votes allowed a real election.</item>
/// </list>
/// </summary>
internal sealed class RaftElections : IDisposable
{
    private const string ServerMeter = "DotNext.Net.Cluster.Consensus.Raft.Server";
    private const string FollowerCounter = "transitions-to-follower-count";
    private const string CandidateCounter = "transitions-to-candidate-count";

    private readonly MeterListener _listener = new();
    private long _timeouts;
    private long _elections;

    public RaftElections()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServerMeter && instrument.Name is FollowerCounter or CandidateCounter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == FollowerCounter)
            {
                Interlocked.Add(ref _timeouts, value);
            }
            else
            {
                Interlocked.Add(ref _elections, value);
            }
        });
        _listener.Start();
    }

    /// <summary>Follower states entered since the listener started: election timeouts and new terms.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Elections started (a member became a candidate) since the listener started.</summary>
    public long Elections => Interlocked.Read(ref _elections);

    /// <summary>Both counts now, to subtract from a later reading.</summary>
    public (long Timeouts, long Elections) Read() => (Timeouts, Elections);

    public void Dispose() => _listener.Dispose();
}
