namespace Carechain.Cli;

/// <summary>The process exit codes of <c>carechain</c>; scripts branch on these, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The operation or check ran and failed: a proof that does not hold, a refused or rejected transaction, an unknown id.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or input files, a wrong passphrase, a file that would be overwritten.</summary>
    public const int Usage = 2;

    /// <summary>The node could not be reached at all.</summary>
    public const int Unreachable = 3;

    /// <summary>Interrupted (Ctrl+C), by the usual shell convention of 128 + SIGINT.</summary>
    public const int Cancelled = 130;
}
