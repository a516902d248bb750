using Carechain.Modules.Supply.Events;

namespace Carechain.Modules.Supply.Verification;

/// <summary>What a scan of a pack gets: every reason it is suspect (none when authentic) and its history, oldest first.</summary>
public sealed record PackCheck(IReadOnlyList<string> Reasons, IReadOnlyList<SupplyEvent> History)
{
    public bool IsAuthentic => Reasons.Count == 0;
}
