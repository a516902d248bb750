namespace Carechain.Ledger.Verification;

/// <summary>
/// The outcome of an offline store check. When damaged, <see cref="FirstBadHeight"/> names the
/// first block found inconsistent (null when the damage is not tied to one block, e.g. the
/// store cannot be opened) and <see cref="Reason"/> says what was wrong, in one line.
/// </summary>
public sealed record VerificationReport(bool Intact, long BlocksChecked, long TransactionsChecked, long? FirstBadHeight, string Reason)
{
    public string OneLine() => Intact
        ? $"ok: {BlocksChecked} blocks and {TransactionsChecked} transactions verified"
        : FirstBadHeight is { } height
            ? $"damaged: block {height}: {Reason}"
            : $"damaged: {Reason}";
}
