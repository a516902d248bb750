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

    /// <summary>Statuses that are final by law (EU FMD): a destroyed, stolen or withdrawn pack is never reinstated.</summary>
    public static readonly IReadOnlySet<string> Irreversible = new HashSet<string>(StringComparer.Ordinal) { Destroyed, Stolen, Withdrawn };

    /// <summary>Why an undo is made: the CBV 2.0 error reasons (the event was wrong, or did not happen).</summary>
    public static readonly IReadOnlySet<string> UndoReasons = new HashSet<string>(StringComparer.Ordinal) { "incorrect_data", "did_not_occur" };
}
