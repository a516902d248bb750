namespace Carechain.Modules.Supply.Packs;

/// <summary>Questions every rule asks of a <see cref="PackStatus"/>.</summary>
public static class PackStatuses
{
    /// <summary>On its way to a named receiver, shipped or returned.</summary>
    public static bool IsInTransit(this PackStatus status) => status is PackStatus.InTransit or PackStatus.ReturnInTransit;
}
