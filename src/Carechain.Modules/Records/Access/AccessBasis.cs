namespace Carechain.Modules.Records.Access;

/// <summary>Under what right a read is allowed.</summary>
public enum AccessBasis
{
    /// <summary>The patient reads their own record.</summary>
    PatientSelf = 1,

    /// <summary>A clinical member of the organisation that keeps the record.</summary>
    Custodian = 2,

    /// <summary>A live consent grant of the patient (the basis id is the grant id).</summary>
    Grant = 3,

    /// <summary>An open break-glass of the reader for this patient (the basis id is the break-glass id).</summary>
    BreakGlass = 4,
}
