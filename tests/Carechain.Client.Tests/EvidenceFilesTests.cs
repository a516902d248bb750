using Carechain.Client.Contracts;
using Carechain.Testing;

namespace Carechain.Client.Tests;

public sealed class EvidenceFilesTests : IDisposable
{
    private readonly TestLedger _ledger = new(9);
    private readonly string _directory = Directory.CreateTempSubdirectory("carechain-evidence-").FullName;

    [Fact]
    public async Task A_proof_file_round_trips_and_still_verifies()
    {
        var path = Path.Combine(_directory, "doc.proof.json");
        var proof = _ledger.ProofFor(3, 6, bridgeTo: 9);

        await EvidenceFiles.WriteProofAsync(path, proof);
        var read = await EvidenceFiles.ReadProofAsync(path);

        Assert.Equal(EvidenceFiles.Serialize(proof), EvidenceFiles.Serialize(read));
        Assert.True(OfflineProofVerifier.Verify(read, _ledger.CheckpointAt(9)).IsValid);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_checkpoint_file_round_trips_and_is_indented_camel_case_json()
    {
        var path = Path.Combine(_directory, "checkpoint.json");
        var checkpoint = _ledger.CheckpointAt(9);

        await EvidenceFiles.WriteCheckpointAsync(path, checkpoint);
        var text = await File.ReadAllTextAsync(path);

        Assert.Equal(checkpoint, await EvidenceFiles.ReadCheckpointAsync(path));
        Assert.Contains("\n  \"logRoot\": ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proof_without_consistency_is_written_with_an_explicit_null_and_read_back_with_or_without_it()
    {
        var json = EvidenceFiles.Serialize(_ledger.ProofFor(1, 4));
        var omitted = json.Replace(",\n  \"consistency\": null", string.Empty, StringComparison.Ordinal);

        Assert.Contains("\"consistency\": null", json, StringComparison.Ordinal);
        Assert.Null(EvidenceFiles.ParseProof(json).Consistency);
        Assert.DoesNotContain("consistency", omitted, StringComparison.Ordinal);
        Assert.Null(EvidenceFiles.ParseProof(omitted).Consistency);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Text_that_is_not_a_proof_is_refused_with_one_line(string json)
    {
        var ex = Assert.Throws<EvidenceFileException>(() => EvidenceFiles.ParseProof(json));

        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_missing_member_a_null_member_or_a_duplicate_member_is_refused()
    {
        var json = EvidenceFiles.Serialize(_ledger.ProofFor(1, 4));

        Assert.Throws<EvidenceFileException>(() => EvidenceFiles.ParseProof(json.Replace("\"leafIndex\": 1,", string.Empty, StringComparison.Ordinal)));
        Assert.Throws<EvidenceFileException>(() => EvidenceFiles.ParseProof(json.Replace("\"leafIndex\": 1", "\"leafIndex\": null", StringComparison.Ordinal)));
        Assert.Throws<EvidenceFileException>(() => EvidenceFiles.ParseProof(json.Replace("\"version\": 1", "\"version\": 1, \"version\": 1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Another_format_or_version_is_refused_by_name()
    {
        var json = EvidenceFiles.Serialize(_ledger.ProofFor(1, 4));

        var format = Assert.Throws<EvidenceFileException>(() => EvidenceFiles.ParseProof(json.Replace(ProofFile.FormatName, "other", StringComparison.Ordinal)));
        var version = Assert.Throws<EvidenceFileException>(() => EvidenceFiles.ParseProof(json.Replace("\"version\": 1", "\"version\": 7", StringComparison.Ordinal)));

        Assert.Contains("not a Carechain proof file", format.Message, StringComparison.Ordinal);
        Assert.Contains("version 7", version.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_without_being_parsed()
    {
        var path = Path.Combine(_directory, "huge.json");
        await File.WriteAllTextAsync(path, new string(' ', EvidenceFiles.MaxFileBytes + 1));

        await Assert.ThrowsAsync<EvidenceFileException>(() => EvidenceFiles.ReadCheckpointAsync(path));
    }

    [Fact]
    public async Task A_missing_file_stays_a_file_system_error()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => EvidenceFiles.ReadProofAsync(Path.Combine(_directory, "absent.json")));
    }

    public void Dispose()
    {
        _ledger.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
