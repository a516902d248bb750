namespace Carechain.Modules.Records;

/// <summary>Stable error codes of the records module and of access decisions (listed in docs/errors.md).</summary>
public static class RecordsErrors
{
    public const string NotClinical = "not_clinical";
    public const string UnknownPatient = "unknown_patient";
    public const string UnknownRecord = "unknown_record";
    public const string NotCustodian = "not_custodian";
    public const string VersionConflict = "version_conflict";
    public const string RecordMismatch = "record_mismatch";
    public const string RecordErased = "record_erased";
    public const string InvalidResourceType = "invalid_resource_type";
    public const string InvalidPurpose = "invalid_purpose";
    public const string InvalidScope = "invalid_scope";
    public const string NotPatient = "not_patient";
    public const string UnknownGrantee = "unknown_grantee";
    public const string GrantExpired = "grant_expired";
    public const string TooManyGrants = "too_many_grants";
    public const string UnknownGrant = "unknown_grant";
    public const string AlreadyRevoked = "grant_already_revoked";
    public const string NotEmergency = "not_emergency";
    public const string InvalidReason = "invalid_reason";
    public const string InvalidDuration = "invalid_duration";
    public const string UnknownBreakGlass = "unknown_break_glass";
    public const string NotReviewer = "not_reviewer";
    public const string AlreadyReviewed = "already_reviewed";
    public const string InvalidReviewOutcome = "invalid_review_outcome";
    public const string NotCustodianNode = "not_custodian_node";
    public const string RequesterInactive = "requester_inactive";
    public const string NoConsent = "no_consent";
    public const string InvalidAccessBatch = "invalid_access_batch";
    public const string DuplicateRecord = "duplicate_record";
}
