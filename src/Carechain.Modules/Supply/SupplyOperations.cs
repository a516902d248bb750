namespace Carechain.Modules.Supply;

/// <summary>The operation names of the supply module, as transactions carry them.</summary>
public static class SupplyOperations
{
    public const string AssignPrefix = "assign-prefix";
    public const string Product = "product";
    public const string Commission = "commission";
    public const string Ship = "ship";
    public const string Receive = "receive";
    public const string Dispense = "dispense";
    public const string Decommission = "decommission";
    public const string Return = "return";
    public const string Recall = "recall";
    public const string Quarantine = "quarantine";
    public const string Release = "release";
    public const string Verify = "verify";
    public const string Aggregate = "aggregate";
    public const string Disaggregate = "disaggregate";
    public const string Undo = "undo";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        AssignPrefix, Product, Commission, Ship, Receive, Dispense, Decommission, Return, Recall, Quarantine, Release, Verify, Aggregate, Disaggregate, Undo,
    };

    public static Events.CustodyAction? CustodyActionOf(string operation) => operation switch
    {
        Ship => Events.CustodyAction.Ship,
        Receive => Events.CustodyAction.Receive,
        Dispense => Events.CustodyAction.Dispense,
        Decommission => Events.CustodyAction.Decommission,
        Return => Events.CustodyAction.Return,
        Undo => Events.CustodyAction.Undo,
        _ => null,
    };

    public static Events.LotAction? LotActionOf(string operation) => operation switch
    {
        Recall => Events.LotAction.Recall,
        Quarantine => Events.LotAction.Quarantine,
        Release => Events.LotAction.Release,
        _ => null,
    };

    public static string NameOf(Events.CustodyAction action) => action switch
    {
        Events.CustodyAction.Ship => Ship,
        Events.CustodyAction.Receive => Receive,
        Events.CustodyAction.Dispense => Dispense,
        Events.CustodyAction.Decommission => Decommission,
        Events.CustodyAction.Undo => Undo,
        _ => Return,
    };

    public static string NameOf(Events.LotAction action) => action switch
    {
        Events.LotAction.Recall => Recall,
        Events.LotAction.Quarantine => Quarantine,
        _ => Release,
    };
}
