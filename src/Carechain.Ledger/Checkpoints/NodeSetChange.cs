namespace Carechain.Ledger.Checkpoints;

/// <summary>
/// One change of the certifying node set, as an offline verifier follows it: the certificate of the
/// block that changed the set (signed by the set in force before that block) and the set after it,
/// which that certificate's statement names by hash (<see cref="CheckpointStatement.NextNodeSet"/>).
/// </summary>
public sealed record NodeSetChange(CheckpointCertificate Certificate, NodeSet NodeSet)
{
    public long Height => Certificate.Statement.Height;
}
