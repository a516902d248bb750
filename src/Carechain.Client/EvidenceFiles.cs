using System.Text;
using System.Text.Json;
using Carechain.Client.Contracts;

namespace Carechain.Client;

/// <summary>
/// Reads and writes proof files and checkpoint files: indented JSON in <see cref="CarechainJson.Files"/>
/// form. Reading is strict (every member present, no duplicates, the right format and version) and a
/// document that passes is well-formed JSON of the right shape, not yet a valid proof: check it with
/// <see cref="OfflineProofVerifier"/>. Writing replaces the target in one step, so a reader never sees
/// half a file.
/// </summary>
public static class EvidenceFiles
{
    /// <summary>Real proof and checkpoint files are a few kilobytes; anything far larger is refused before it is read.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public static ProofFile ParseProof(string json)
    {
        var proof = Deserialize<ProofFile>(json, "proof file");
        if (proof.Format != ProofFile.FormatName)
        {
            throw new EvidenceFileException($"not a Carechain proof file (format must be '{ProofFile.FormatName}')");
        }

        return proof.Version == ProofFile.CurrentVersion
            ? proof
            : throw new EvidenceFileException($"unsupported proof file version {proof.Version} (this tool reads version {ProofFile.CurrentVersion})");
    }

    public static CheckpointDto ParseCheckpoint(string json) => Deserialize<CheckpointDto>(json, "checkpoint file");

    public static CheckpointCertificateDto ParseCertificate(string json) => Deserialize<CheckpointCertificateDto>(json, "certificate file");

    public static string Serialize(CheckpointCertificateDto certificate) => JsonSerializer.Serialize(certificate, CarechainJson.Files);

    public static async Task<CheckpointCertificateDto> ReadCertificateAsync(string path, CancellationToken cancellationToken = default) =>
        ParseCertificate(await ReadAsync(path, "certificate file", cancellationToken).ConfigureAwait(false));

    public static Task WriteCertificateAsync(string path, CheckpointCertificateDto certificate, CancellationToken cancellationToken = default) =>
        WriteAsync(path, Serialize(certificate), cancellationToken);

    public static string Serialize(ProofFile proof) => JsonSerializer.Serialize(proof, CarechainJson.Files);

    public static string Serialize(CheckpointDto checkpoint) => JsonSerializer.Serialize(checkpoint, CarechainJson.Files);

    public static async Task<ProofFile> ReadProofAsync(string path, CancellationToken cancellationToken = default) =>
        ParseProof(await ReadAsync(path, "proof file", cancellationToken).ConfigureAwait(false));

    public static async Task<CheckpointDto> ReadCheckpointAsync(string path, CancellationToken cancellationToken = default) =>
        ParseCheckpoint(await ReadAsync(path, "checkpoint file", cancellationToken).ConfigureAwait(false));

    public static Task WriteProofAsync(string path, ProofFile proof, CancellationToken cancellationToken = default) =>
        WriteAsync(path, Serialize(proof), cancellationToken);

    public static Task WriteCheckpointAsync(string path, CheckpointDto checkpoint, CancellationToken cancellationToken = default) =>
        WriteAsync(path, Serialize(checkpoint), cancellationToken);

    private static T Deserialize<T>(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, CarechainJson.Files)
                ?? throw new EvidenceFileException($"the {what} holds null instead of a JSON object");
        }
        catch (JsonException ex)
        {
            throw new EvidenceFileException($"the {what} is not valid: {OneLineText.From(ex.Message)}", ex);
        }
    }

    private static async Task<string> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new EvidenceFileException($"the {what} is larger than {MaxFileBytes} bytes");
        }

        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new EvidenceFileException($"the {what} is not UTF-8 text", ex);
        }
    }

    /// <summary>Writes beside the target and renames over it, so an interrupted write leaves the old file intact.</summary>
    private static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, text + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
