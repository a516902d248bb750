using System.Buffers;
using System.Security.Cryptography;
using Carechain.Core.Hashing;

namespace Carechain.Cli;

/// <summary>Plain SHA-256 of a file's bytes (what <c>sha256sum</c> prints), read in chunks so any size fits in constant memory.</summary>
internal static class FileHasher
{
    private const int ChunkBytes = 1024 * 1024;

    /// <param name="progress">Receives the number of bytes hashed so far after each chunk.</param>
    public static async Task<Hash256> Sha256Async(string path, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                hasher.AppendData(buffer, 0, read);
                total += read;
                progress?.Report(total);
            }

            return Hash256.Read(hasher.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
