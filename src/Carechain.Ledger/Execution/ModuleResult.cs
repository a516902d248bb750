namespace Carechain.Ledger.Execution;

/// <summary>
/// What a module decided for one transaction: either writes and events, or a refusal with a
/// stable error code (and then nothing of the transaction is applied).
/// </summary>
public sealed class ModuleResult
{
    private ModuleResult(IReadOnlyList<StateWrite> writes, IReadOnlyList<LedgerEvent> events, string errorCode)
    {
        Writes = writes;
        Events = events;
        ErrorCode = errorCode;
    }

    public IReadOnlyList<StateWrite> Writes { get; }

    public IReadOnlyList<LedgerEvent> Events { get; }

    /// <summary>Empty on success.</summary>
    public string ErrorCode { get; }

    public bool Succeeded => ErrorCode.Length == 0;

    public static ModuleResult Ok(IReadOnlyList<StateWrite> writes, params LedgerEvent[] events) => new(writes, events, string.Empty);

    public static ModuleResult Fail(string errorCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        return new ModuleResult([], [], errorCode);
    }
}
