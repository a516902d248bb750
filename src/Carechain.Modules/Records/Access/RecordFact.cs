namespace Carechain.Modules.Records.Access;

/// <summary>The kinds of chain facts about a patient's records that the node projects for people to read.</summary>
public enum RecordFact
{
    /// <summary>A consent grant of the patient (and its revocation).</summary>
    Consent = 1,

    /// <summary>An access event or a break-glass: who read, or could read, the patient's records.</summary>
    Access = 2,

    /// <summary>An anchored record version: which member of which custodian recorded it, and when.</summary>
    Anchor = 3,
}
