namespace Carechain.Modules.Supply.Events;

/// <summary>The closed set of decommission reasons (EU FMD / CBV dispositions).</summary>
public static class DecommissionReasons
{
    public const string Destroyed = "destroyed";
    public const string Sample = "sample";
    public const string Stolen = "stolen";
    public const string Exported = "exported";
    public const string Damaged = "damaged";
    public const string Expired = "expired";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Destroyed, Sample, Stolen, Exported, Damaged, Expired, Withdrawn,
    };
}
