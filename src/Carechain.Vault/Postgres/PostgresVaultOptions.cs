using System.Text.RegularExpressions;

namespace Carechain.Vault.Postgres;

/// <summary>
/// Where the PostgreSQL vault lives: a connection string and the schema that holds its tables
/// (created on open). The schema name is an identifier, not a parameter, so it is restricted to
/// <c>[a-z_][a-z0-9_]{0,62}</c> and never taken from a request.
/// </summary>
public sealed partial record PostgresVaultOptions
{
    public const string DefaultSchema = "carechain_vault";

    public PostgresVaultOptions(string connectionString, string schema = DefaultSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (schema is null || !SchemaPattern().IsMatch(schema))
        {
            throw new ArgumentException("A vault schema name is 1 to 63 characters from a-z, 0-9 and '_', not starting with a digit.", nameof(schema));
        }

        ConnectionString = connectionString;
        Schema = schema;
    }

    public string ConnectionString { get; }

    public string Schema { get; }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
