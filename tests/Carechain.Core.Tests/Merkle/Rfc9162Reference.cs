using System.Security.Cryptography;
using Carechain.Core.Hashing;

namespace Carechain.Core.Tests.Merkle;

/// <summary>
/// RFC 9162 section 2.1 transcribed literally: MTH, PATH and PROOF/SUBPROOF as recursive functions
/// over the entry list, hashing with SHA-256 directly. Slow on purpose; it shares no code with the
/// implementation under test, so agreement means both match the RFC.
/// </summary>
internal static class Rfc9162Reference
{
    public static Hash256 Mth(IReadOnlyList<byte[]> entries, int count) => Hash256.Read(MthOf(entries, 0, count));

    public static Hash256[] Path(IReadOnlyList<byte[]> entries, int m, int n) =>
        [.. Path(entries, m, 0, n).Select(h => Hash256.Read(h))];

    public static Hash256[] Proof(IReadOnlyList<byte[]> entries, int m, int n) =>
        [.. Subproof(entries, m, 0, n, true).Select(h => Hash256.Read(h))];

    /// <summary>Only leaves [from, to) of the list; D[from:to] in the RFC's notation.</summary>
    public static Hash256 Mth(IReadOnlyList<byte[]> entries, long from, long to) => Hash256.Read(MthOf(entries, (int)from, (int)to));

    // MTH({}) = SHA-256(); MTH({d(0)}) = SHA-256(0x00 || d(0));
    // MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n.
    private static byte[] MthOf(IReadOnlyList<byte[]> d, int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return SHA256.HashData([0x00, .. d[start]]);
        }

        var k = K(n);
        return SHA256.HashData([0x01, .. MthOf(d, start, start + k), .. MthOf(d, start + k, end)]);
    }

    // PATH(m, {d(0)}) = {}; for m < k: PATH(m, D[0:k]) : MTH(D[k:n]); for m >= k: PATH(m - k, D[k:n]) : MTH(D[0:k]).
    private static List<byte[]> Path(IReadOnlyList<byte[]> d, int m, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = K(n);
        if (m < k)
        {
            var path = Path(d, m, start, start + k);
            path.Add(MthOf(d, start + k, end));
            return path;
        }
        else
        {
            var path = Path(d, m - k, start + k, end);
            path.Add(MthOf(d, start, start + k));
            return path;
        }
    }

    // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])};
    // m <= k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n]); m > k: SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
    private static List<byte[]> Subproof(IReadOnlyList<byte[]> d, int m, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [MthOf(d, start, end)];
        }

        var k = K(n);
        if (m <= k)
        {
            var proof = Subproof(d, m, start, start + k, b);
            proof.Add(MthOf(d, start + k, end));
            return proof;
        }
        else
        {
            var proof = Subproof(d, m - k, start + k, end, false);
            proof.Add(MthOf(d, start, start + k));
            return proof;
        }
    }

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
