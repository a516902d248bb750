using System.Text.Json.Serialization;

namespace Carechain.Client.Contracts;

/// <summary>
/// GET /health: <c>ok</c> when the node commits and is not behind; <c>catching_up</c> while a consortium
/// member fetches blocks it lacks from its peers, with <see cref="PeerHeight"/> the peer head it aims at.
/// </summary>
public sealed record HealthDto(
    string Status,
    long Height,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PeerHeight = null);
