using System.Buffers;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;

namespace Carechain.Ledger.Genesis;

/// <summary>
/// The JSON form of a genesis document (<c>genesis.json</c>), keys in lower-case hex. Text in, text
/// out: the caller does the file I/O. <see cref="Parse"/> is strict: an unknown or missing field,
/// a duplicate property name, an unknown kind, bad hex or any broken genesis rule is an
/// <see cref="InvalidGenesisException"/> whose one-line message names the field; no other exception
/// escapes it. <c>Parse(Write(g))</c> encodes to the same bytes as <c>g</c>.
/// </summary>
public static class GenesisFile
{
    public const string Format = "carechain-genesis";
    public const int Version = 1;

    // A genesis of 64 organisations with 32 keys each is about 150 KB of JSON.
    private const int MaxLength = 1024 * 1024;

    // Strict: a lone surrogate must be refused, not silently replaced.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    public static string Write(GenesisDocument genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("chainId", genesis.ChainId);
            writer.WriteNumber("timestampMs", genesis.TimestampMs);
            writer.WriteStartArray("organisations");
            foreach (var organisation in genesis.Organisations)
            {
                writer.WriteStartObject();
                writer.WriteString("id", organisation.Id.Value);
                writer.WriteString("name", organisation.Name);
                writer.WriteString("kind", OrganisationKinds.Name(organisation.Kind));
                WriteKeys(writer, "adminKeys", organisation.AdminKeys);
                WriteKeys(writer, "nodeKeys", organisation.NodeKeys);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("governance");
            writer.WriteNumber("approvals", genesis.Policy.Approvals);
            writer.WriteNumber("proposalLifetimeBlocks", genesis.Policy.ProposalLifetimeBlocks);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    public static GenesisDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new InvalidGenesisException($"genesis file is larger than {MaxLength} characters");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StrictUtf8.GetBytes(json), ParseOptions);
        }
        catch (EncoderFallbackException ex)
        {
            throw new InvalidGenesisException("genesis file is not valid Unicode text", ex);
        }
        catch (JsonException ex)
        {
            // Duplicate property names land here too: two readers could pick different values.
            throw new InvalidGenesisException($"genesis file is not valid JSON: {FirstLine(ex.Message)}", ex);
        }

        using (document)
        {
            return Read(new JsonObjectReader(document.RootElement, "genesis"));
        }
    }

    private static GenesisDocument Read(JsonObjectReader root)
    {
        root.Only("format", "version", "chainId", "timestampMs", "organisations", "governance");
        if (root.String("format") != Format)
        {
            throw new InvalidGenesisException($"genesis.format must be \"{Format}\"");
        }

        var version = root.Integer("version", 0, int.MaxValue);
        if (version != Version)
        {
            throw new InvalidGenesisException($"unsupported genesis version {version} (this build reads version {Version})");
        }

        var chainId = root.String("chainId");
        var timestamp = root.Integer("timestampMs", 0, long.MaxValue);
        var organisations = root.Array("organisations").Select((element, i) => ReadOrganisation(new JsonObjectReader(element, $"organisations[{i}]"))).ToArray();
        var governance = root.Object("governance");
        governance.Only("approvals", "proposalLifetimeBlocks");
        var policy = new GovernancePolicy(
            (int)governance.Integer("approvals", 0, GenesisDocument.MaxOrganisations),
            governance.Integer("proposalLifetimeBlocks", 0, GovernancePolicy.MaxProposalLifetimeBlocks));
        return new GenesisDocument(chainId, timestamp, organisations, policy);
    }

    private static Organisation ReadOrganisation(JsonObjectReader organisation)
    {
        organisation.Only("id", "name", "kind", "adminKeys", "nodeKeys");
        var idText = organisation.String("id");
        if (!OrganisationId.TryParse(idText, out var id))
        {
            throw new InvalidGenesisException(
                $"{organisation.Path}.id '{idText}' is not an organisation id (a lower-case letter, then up to {OrganisationId.MaxLength - 1} letters, digits or '-')");
        }

        var kindText = organisation.String("kind");
        if (!OrganisationKinds.TryParse(kindText, out var kind))
        {
            throw new InvalidGenesisException($"{organisation.Path}.kind '{kindText}' is not one of {string.Join(", ", OrganisationKinds.Names)}");
        }

        return new Organisation(id, organisation.String("name"), kind, ReadKeys(organisation, "adminKeys"), ReadKeys(organisation, "nodeKeys"));
    }

    private static Ed25519PublicKey[] ReadKeys(JsonObjectReader organisation, string name) =>
        [.. organisation.Array(name).Select((element, i) =>
        {
            var path = $"{organisation.Path}.{name}[{i}]";
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new InvalidGenesisException($"{path} must be a string of 64 hex characters");
            }

            var text = element.GetString();
            return text is not null && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) && Ed25519PublicKey.TryParse(text, out var key)
                ? key
                : throw new InvalidGenesisException($"{path} is not a public key (64 lower-case hex characters of a valid Ed25519 key)");
        })];

    private static void WriteKeys(Utf8JsonWriter writer, string name, IReadOnlyList<Ed25519PublicKey> keys)
    {
        writer.WriteStartArray(name);
        foreach (var key in keys)
        {
            writer.WriteStringValue(key.ToString());
        }

        writer.WriteEndArray();
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
