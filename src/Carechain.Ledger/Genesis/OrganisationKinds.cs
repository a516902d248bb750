using System.Collections.Frozen;

namespace Carechain.Ledger.Genesis;

/// <summary>
/// The one spelling of each <see cref="OrganisationKind"/> in files and events (lower case), and the
/// strict way back: only these names parse, never numbers or other casings.
/// </summary>
public static class OrganisationKinds
{
    private static readonly FrozenDictionary<string, OrganisationKind> ByName =
        Enum.GetValues<OrganisationKind>().ToFrozenDictionary(Name, StringComparer.Ordinal);

    /// <summary>Every kind name, in enum order, for messages and help text.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<OrganisationKind>().Select(Name)];

    public static string Name(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Hospital => "hospital",
        OrganisationKind.Clinic => "clinic",
        OrganisationKind.Pharmacy => "pharmacy",
        OrganisationKind.Manufacturer => "manufacturer",
        OrganisationKind.Distributor => "distributor",
        OrganisationKind.Insurer => "insurer",
        OrganisationKind.Regulator => "regulator",
        OrganisationKind.Sponsor => "sponsor",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an organisation kind"),
    };

    public static bool TryParse(string? name, out OrganisationKind kind) =>
        ByName.TryGetValue(name ?? string.Empty, out kind);

    public static bool IsDefined(byte value) => Enum.IsDefined((OrganisationKind)value);
}
