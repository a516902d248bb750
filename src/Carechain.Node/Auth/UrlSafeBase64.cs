namespace Carechain.Node.Auth;

/// <summary>RFC 4648 §5 base64url without padding, as tokens and challenges travel in headers and JSON.</summary>
internal static class UrlSafeBase64
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length > 4096 || !System.Buffers.Text.Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
        return true;
    }
}
