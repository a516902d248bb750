namespace Carechain.Ledger.Checkpoints;

/// <summary>
/// Checks a checkpoint certificate trusting only the genesis node set, across governance changes of
/// the node keys. The certificate of height H must be signed by a quorum of the set in force at H: the
/// genesis set, replaced at each <see cref="NodeSetChange"/> below H by the set that change's
/// certificate states. Each change is itself a certificate signed by a quorum of the set before it, so
/// trust passes from genesis, one certified change at a time, to the set that signed. The certificate
/// must also name, as the set after H, the set the changes lead to: a chain that leaves a change out
/// (or adds one that never happened) does not match what the signers stated.
/// </summary>
public static class CertificateChain
{
    /// <summary>More node-set changes than this in one chain are refused as malformed.</summary>
    public const int MaxChanges = 4096;

    /// <param name="chainId">The genesis chain id.</param>
    /// <param name="genesis">The genesis node keys.</param>
    /// <param name="changes">The node-set changes from genesis up to the certificate's height, lowest first.</param>
    /// <param name="certificate">The certificate to check.</param>
    public static CertificateVerdict Verify(string chainId, NodeSet genesis, IReadOnlyList<NodeSetChange> changes, CheckpointCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(certificate);
        var target = certificate.Statement;
        if (changes.Count > MaxChanges)
        {
            return new(CertificateFailure.BrokenNodeSetChain, $"more than {MaxChanges} node-set changes");
        }

        var set = genesis;
        var signing = genesis;
        var last = 0L;
        foreach (var change in changes)
        {
            if (FollowProblem(chainId, set, change, target, last) is { } problem)
            {
                return problem;
            }

            if (change.Height < target.Height)
            {
                signing = change.NodeSet;
            }

            set = change.NodeSet;
            last = change.Height;
        }

        var verdict = certificate.Verify(chainId, signing.Members);
        if (!verdict.IsValid)
        {
            return changes.Count == 0 ? verdict : verdict with { Reason = $"{verdict.Reason} (the node set in force at height {target.Height}, after {changes.Count} node-set changes)" };
        }

        if (target.NextNodeSet != set.Hash)
        {
            return new(
                CertificateFailure.NodeSetMismatch,
                $"the certificate states node set {target.NextNodeSet} after height {target.Height}, but the node-set changes given lead to {set.Hash}: a change is missing, or that set never existed");
        }

        return changes.Count == 0 ? verdict : verdict with { Reason = $"{verdict.Reason}, trusted from genesis through {changes.Count} certified node-set changes" };
    }

    /// <summary>Why <paramref name="change"/> cannot follow <paramref name="set"/> (in force after height <paramref name="last"/>), or null.</summary>
    private static CertificateVerdict? FollowProblem(string chainId, NodeSet set, NodeSetChange change, CheckpointStatement target, long last)
    {
        var height = change.Height;
        if (height <= last)
        {
            return new(CertificateFailure.BrokenNodeSetChain, $"the node-set change at height {height} does not come after the previous one (height {last}); changes are listed lowest first, after genesis");
        }

        if (height > target.Height)
        {
            return new(CertificateFailure.BrokenNodeSetChain, $"the node-set change at height {height} comes after the certificate's height {target.Height}");
        }

        if (height == target.Height && change.Certificate.Statement != target)
        {
            return new(CertificateFailure.BrokenNodeSetChain, $"the node-set change at height {height} states another block than the certificate of that height");
        }

        var verdict = change.Certificate.Verify(chainId, set.Members);
        if (!verdict.IsValid)
        {
            return verdict with { Reason = $"the node-set change at height {height} does not hold: {verdict.Reason}" };
        }

        if (change.Certificate.Statement.NextNodeSet != change.NodeSet.Hash)
        {
            return new(CertificateFailure.NodeSetMismatch, $"the node set given for the change at height {height} is not the set its certificate states ({change.Certificate.Statement.NextNodeSet})");
        }

        return change.NodeSet == set
            ? new(CertificateFailure.BrokenNodeSetChain, $"the node-set change at height {height} leaves the node set as it was")
            : null;
    }
}
