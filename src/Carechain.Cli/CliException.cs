namespace Carechain.Cli;

/// <summary>
/// A failure a command reports to the user as one <c>error:</c> line and an exit code. The message is
/// complete as it stands (no stack trace, no inner detail is added), so it must say what to do.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Code = code;
    }

    public int ExitCode { get; }

    /// <summary>A stable machine-readable code for <c>--json</c> output (the node's error code where there is one).</summary>
    public string Code { get; }

    public static CliException Usage(string message, Exception? innerException = null) => new(ExitCodes.Usage, "usage", message, innerException);

    public static CliException Failed(string code, string message) => new(ExitCodes.Failed, code, message);
}
