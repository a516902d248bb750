namespace Carechain.Ledger.Admission;

public enum AdmissionStatus
{
    /// <summary>New and valid: queued for the next block.</summary>
    Accepted,

    /// <summary>The same transaction is already queued; nothing changed.</summary>
    AlreadyPending,

    /// <summary>The same transaction is already in a block; nothing changed.</summary>
    AlreadyCommitted,

    /// <summary>Refused with an error code; nothing changed.</summary>
    Refused,
}
