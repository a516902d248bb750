using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Carechain.Client;

/// <summary>
/// The JSON settings of the Carechain wire format and of the files the client writes: web defaults
/// (camelCase names, case-insensitive reading), and a contract check on reading. A member whose C# type
/// is not nullable must be present and must not be null; a nullable member may be null or left out.
/// So a decoded DTO never holds a null, a zero or an empty list that the sender did not actually send.
/// </summary>
public static class CarechainJson
{
    /// <summary>For HTTP bodies: compact, and tolerant of members the node may add later.</summary>
    public static JsonSerializerOptions Wire { get; } = Create(indented: false);

    /// <summary>
    /// For proof and checkpoint files: indented, and a member may not appear twice, because two tools
    /// that resolve a duplicate differently could disagree on what a proof says.
    /// </summary>
    public static JsonSerializerOptions Files { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            RespectNullableAnnotations = true,
            AllowDuplicateProperties = !indented,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireNonNullableMembers } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void RequireNonNullableMembers(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            // Only settable members (the contract records' positional properties have init setters);
            // read-only shapes such as anonymous output objects are only ever written.
            if (property.Set is not null && !property.IsSetNullable)
            {
                property.IsRequired = true;
            }
        }
    }
}
