namespace Carechain.Modules.Records;

/// <summary>
/// Why a record is read or shared: a closed subset of HL7 v3 PurposeOfUse codes. A grant names one
/// purpose and covers reads made for that purpose only.
/// </summary>
public static class PurposeOfUse
{
    public const string Treatment = "TREAT";
    public const string EmergencyTreatment = "ETREAT";
    public const string PatientRequest = "PATRQT";
    public const string Payment = "HPAYMT";
    public const string Operations = "HOPERAT";
    public const string Research = "HRESCH";
    public const string PublicHealth = "PUBHLTH";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Treatment, EmergencyTreatment, PatientRequest, Payment, Operations, Research, PublicHealth,
    };

    public static bool IsKnown(string? purpose) => purpose is not null && All.Contains(purpose);
}
