namespace Carechain.Consensus;

/// <summary>
/// Keeps enough thread-pool workers available for Raft while a member does CPU-bound block work.
/// <para>
/// DotNext runs a member's heartbeats, election timer and TCP reads and writes as thread-pool work.
/// A member also blocks pool threads for whole seconds with a large block: the applier validates and
/// executes it synchronously, its signature checks run in parallel on every core, and the leader
/// builds the next block while admission verifies incoming batches. With the pool's default minimum
/// (one worker per core) those blocked workers are all there is, and the pool adds more only about
/// once per second, so a follower's socket reads and timer waited behind the block, its election
/// timeout (500-1000 ms) passed with the leader's heartbeats queued unread, and it stood for election:
/// the leader moved, the cluster bench fell to its low mode, and commit latency jumped.
/// </para>
/// <para>
/// Workers up to the minimum are created at once when work is queued (not pre-created), so the OS
/// shares the cores between block work and Raft instead of Raft waiting for a free worker. Each member
/// running in this process reserves <see cref="WorkersPerMember"/> until it stops; the minimum never
/// falls below the pool's own.
/// </para>
/// </summary>
internal static class ThreadPoolReserve
{
    /// <summary>
    /// Per member: the applier and the producer (one each), parallel signature checks of a delivered
    /// block and of an admitted batch (one per core each), and Raft's own timer, heartbeat and peer
    /// connections beside them.
    /// </summary>
    internal static int WorkersPerMember => (2 * Environment.ProcessorCount) + 6;

    private static readonly Lock s_gate = new();
    private static int s_members;
    private static int s_ownMinimum = -1;

    /// <summary>Reserves workers for one more member running in this process.</summary>
    public static void ReserveForMember() => Adjust(+1);

    /// <summary>Gives back the workers of a member that stopped.</summary>
    public static void ReleaseForMember() => Adjust(-1);

    private static void Adjust(int change)
    {
        lock (s_gate)
        {
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            if (s_ownMinimum < 0)
            {
                s_ownMinimum = workers;
            }

            s_members = Math.Max(0, s_members + change);
            var wanted = Math.Max(s_ownMinimum, s_members * WorkersPerMember);
            if (workers != wanted)
            {
                ThreadPool.SetMinThreads(wanted, completionPorts);
            }
        }
    }
}
