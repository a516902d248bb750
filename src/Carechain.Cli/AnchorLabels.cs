using System.Text;
using Carechain.Modules.Notary;

namespace Carechain.Cli;

/// <summary>Labels and media types for notary anchors, checked here with the notary module's own rules so a bad value fails before signing.</summary>
internal static class AnchorLabels
{
    /// <summary>Null when the node would accept the pair; otherwise what is wrong, phrased for the command line.</summary>
    public static string? Problem(string label, string mediaType)
    {
        if (Encoding.UTF8.GetByteCount(label) > AnchorRequest.MaxLabelBytes)
        {
            return $"--label is longer than {AnchorRequest.MaxLabelBytes} bytes";
        }

        if (Encoding.UTF8.GetByteCount(mediaType) > AnchorRequest.MaxMediaTypeBytes)
        {
            return $"--media-type is longer than {AnchorRequest.MaxMediaTypeBytes} bytes";
        }

        return new AnchorRequest(default, label, mediaType).Validate() switch
        {
            null => null,
            NotaryErrors.InvalidLabel => "--label must not contain control characters or start or end with a space",
            _ => $"--media-type '{mediaType}' is not a type/subtype such as application/pdf",
        };
    }
}
