using System.Collections.Concurrent;
using System.Security.Cryptography;
using Carechain.Core.Crypto;

namespace Carechain.Node.Auth;

/// <summary>
/// Outstanding sign-in challenges, in memory: each is random, bound to one key, expires after
/// <see cref="Lifetime"/>, and is removed when used, so a replayed challenge is unknown. A node
/// restart forgets them all (a client just asks again). The number outstanding is bounded.
/// </summary>
internal sealed class ChallengeStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    public const int MaxOutstanding = 10_000;

    private readonly ConcurrentDictionary<string, (Ed25519PublicKey Key, long ExpiresAtMs)> _open = new(StringComparer.Ordinal);

    /// <summary>A new challenge for <paramref name="key"/>, or null when too many are outstanding.</summary>
    public (string Challenge, long ExpiresAtMs)? Issue(Ed25519PublicKey key)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_open.Count >= MaxOutstanding)
        {
            foreach (var (challenge, entry) in _open)
            {
                if (entry.ExpiresAtMs <= now)
                {
                    _open.TryRemove(challenge, out _);
                }
            }

            if (_open.Count >= MaxOutstanding)
            {
                return null;
            }
        }

        var value = UrlSafeBase64.Encode(RandomNumberGenerator.GetBytes(32));
        var expires = now + (long)Lifetime.TotalMilliseconds;
        _open[value] = (key, expires);
        return (value, expires);
    }

    /// <summary>Null if <paramref name="challenge"/> is open for <paramref name="key"/>; else why not. Does not use it up.</summary>
    public string? Check(string challenge, Ed25519PublicKey key)
    {
        if (!_open.TryGetValue(challenge, out var entry))
        {
            return AuthErrors.ChallengeUnknown;
        }

        if (entry.ExpiresAtMs <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            _open.TryRemove(challenge, out _);
            return AuthErrors.ChallengeExpired;
        }

        return entry.Key == key ? null : AuthErrors.ChallengeMismatch;
    }

    /// <summary>Uses the challenge up; false if someone else used it first.</summary>
    public bool Consume(string challenge) => _open.TryRemove(challenge, out _);
}
