using System.Text.Json;

namespace Carechain.Ledger.Genesis;

/// <summary>
/// Strict field access on one JSON object of a genesis file: every miss or mistyped value is an
/// <see cref="InvalidGenesisException"/> naming the field by its path, e.g. <c>organisations[1].kind</c>.
/// </summary>
internal readonly struct JsonObjectReader
{
    private readonly JsonElement _element;

    public JsonObjectReader(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidGenesisException($"{path} must be a JSON object");
        }

        _element = element;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Refuses any property not named here: a misspelt field must not be silently ignored.</summary>
    public void Only(params string[] names)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new InvalidGenesisException($"{Path} has an unknown field '{property.Name}'");
            }
        }
    }

    public string String(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidGenesisException($"{Path}.{name} must be a string");
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but not a .NET string.
            throw new InvalidGenesisException($"{Path}.{name} is not valid Unicode text", ex);
        }
    }

    public long Integer(string name, long min, long max)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max
            ? number
            : throw new InvalidGenesisException($"{Path}.{name} must be a whole number from {min} to {max}");
    }

    public JsonObjectReader Object(string name) => new(Required(name), $"{Path}.{name}");

    public IEnumerable<JsonElement> Array(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new InvalidGenesisException($"{Path}.{name} must be a JSON array");
    }

    private JsonElement Required(string name) =>
        _element.TryGetProperty(name, out var value) ? value : throw new InvalidGenesisException($"{Path} is missing the field '{name}'");
}
