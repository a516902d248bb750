namespace Carechain.Modules.Notary;

/// <summary>Stable error codes of the notary module (listed in docs/errors.md).</summary>
public static class NotaryErrors
{
    public const string AlreadyAnchored = "already_anchored";
    public const string InvalidLabel = "invalid_label";
    public const string InvalidMediaType = "invalid_media_type";
}
