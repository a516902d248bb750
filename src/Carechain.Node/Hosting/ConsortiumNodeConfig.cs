using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Carechain.Core.Codec;
using Carechain.Ledger.Blocks;

namespace Carechain.Node.Hosting;

/// <summary>
/// A consortium node's config file (<c>node.json</c>, written by <c>carechain init</c>, read by
/// <c>carechain node run --config</c>). Paths are relative to the folder holding the file, so a
/// consortium folder can be moved. <see cref="GenesisBlock"/> is block 0 (hex of its signed
/// header), identical in every member's config, so every member starts from the same block.
/// <see cref="VaultPostgres"/>, when present, is the PostgreSQL connection string of the record
/// vault for <c>--vault postgres</c> (else the node reads <c>CARECHAIN_VAULT_POSTGRES</c>).
/// <see cref="JoinsLater"/> marks a node whose key governance adds to a running consortium
/// (<c>carechain network add-node</c>): it asks the leader to add it to Raft instead of starting in the configuration.
/// </summary>
public sealed record ConsortiumNodeConfig(
    string Format,
    int Version,
    string Id,
    string Organisation,
    string Urls,
    IReadOnlyList<string> Peers,
    string Raft,
    IReadOnlyList<ConsortiumMemberConfig> Members,
    string DataDirectory,
    string Genesis,
    string GenesisBlock,
    string NodeKeystore,
    string AdminKeystore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VaultPostgres = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool JoinsLater = false)
{
    public const string FormatName = "carechain-node-config";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a config, refusing unknown or missing fields and members that do not parse.</summary>
    public static ConsortiumNodeConfig Parse(string json)
    {
        ConsortiumNodeConfig config;
        try
        {
            config = JsonSerializer.Deserialize<ConsortiumNodeConfig>(json, Json) ?? throw new InvalidDataException("the node config is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not a valid node config: {ex.Message}", ex);
        }

        if (config.Format != FormatName || config.Version != CurrentVersion)
        {
            throw new InvalidDataException($"not a {FormatName} version {CurrentVersion} file");
        }

        if (!config.Members.Any(m => m.Id == config.Id))
        {
            throw new InvalidDataException($"members does not list this node's id '{config.Id}'");
        }

        _ = config.ToMembers();
        _ = config.ReadGenesisBlock();
        return config;
    }

    /// <summary>The members with parsed URLs and endpoints.</summary>
    public IReadOnlyList<ConsortiumMember> ToMembers() =>
        [.. Members.Select(m => new ConsortiumMember(m.Id, ParseUrl(m), ParseEndPoint(m)))];

    /// <summary>Block 0 as the config carries it.</summary>
    public BlockHeader ReadGenesisBlock()
    {
        try
        {
            return BlockHeader.Decode(Convert.FromHexString(GenesisBlock));
        }
        catch (Exception ex) when (ex is FormatException or CodecException)
        {
            throw new InvalidDataException($"genesisBlock is not the hex of a signed block header: {ex.Message}", ex);
        }
    }

    /// <summary>The Raft endpoint text of a loopback member at <paramref name="port"/>.</summary>
    public static string LoopbackEndPoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    private static Uri ParseUrl(ConsortiumMemberConfig member) =>
        Uri.TryCreate(member.Url.EndsWith('/') ? member.Url : member.Url + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new InvalidDataException($"member '{member.Id}' has url '{member.Url}', not an http(s) URL");

    private static IPEndPoint ParseEndPoint(ConsortiumMemberConfig member) =>
        IPEndPoint.TryParse(member.Raft, out var endPoint) && endPoint.Port > 0
            ? endPoint
            : throw new InvalidDataException($"member '{member.Id}' has raft '{member.Raft}', not an address:port");
}
