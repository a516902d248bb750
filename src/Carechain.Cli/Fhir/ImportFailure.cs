namespace Carechain.Cli.Fhir;

/// <summary>The node refused part of an import; <see cref="Created"/> resources were created before it.</summary>
internal sealed class ImportFailure(int created, string message) : Exception(message)
{
    public int Created { get; } = created;
}
