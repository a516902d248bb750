namespace Carechain.Ledger.Replication;

/// <summary>A peer could not be asked for blocks (unreachable, timed out, or it refused the request).</summary>
public sealed class BlockSourceException : Exception
{
    public BlockSourceException()
    {
    }

    public BlockSourceException(string message)
        : base(message)
    {
    }

    public BlockSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
