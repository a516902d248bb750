namespace Carechain.Ledger.Genesis;

/// <summary>
/// A genesis document, genesis file or organisation breaks a rule (a duplicate id or key, an
/// approval threshold out of range, an unknown kind, bad hex …). The message is one line that
/// names the offending field, fit to show a user as it stands.
/// </summary>
public sealed class InvalidGenesisException : Exception
{
    public InvalidGenesisException()
    {
    }

    public InvalidGenesisException(string message)
        : base(message)
    {
    }

    public InvalidGenesisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
