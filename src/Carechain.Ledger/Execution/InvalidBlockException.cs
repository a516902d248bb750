namespace Carechain.Ledger.Execution;

/// <summary>A block that no honest producer could have made (bad nonce order, bad signature, bad link).</summary>
public sealed class InvalidBlockException : Exception
{
    public InvalidBlockException()
    {
    }

    public InvalidBlockException(string message)
        : base(message)
    {
    }

    public InvalidBlockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
