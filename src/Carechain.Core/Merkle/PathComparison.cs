using Carechain.Core.Hashing;

namespace Carechain.Core.Merkle;

/// <summary>Element-wise equality for proof paths, so proof records compare by value rather than by list reference.</summary>
internal static class PathComparison
{
    public static bool Equal(IReadOnlyList<Hash256>? a, IReadOnlyList<Hash256>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    public static int Hash(IReadOnlyList<Hash256>? path)
    {
        if (path is null)
        {
            return 0;
        }

        var hash = new HashCode();
        hash.Add(path.Count);
        for (var i = 0; i < path.Count; i++)
        {
            hash.Add(path[i]);
        }

        return hash.ToHashCode();
    }
}
