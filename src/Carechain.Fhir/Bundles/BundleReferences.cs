using System.Diagnostics.CodeAnalysis;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Bundles;

/// <summary>
/// The references inside a resource, wherever they sit (subject, encounter, result, contained
/// resources…), found by walking the SDK's element tree, so that a transaction can rewrite
/// <c>urn:uuid:</c> references between its entries to the ids the node assigned.
/// </summary>
public static class BundleReferences
{
    public const string UuidPrefix = "urn:uuid:";
    public const string OidPrefix = "urn:oid:";

    public static bool IsPlaceholder([NotNullWhen(true)] string? reference) =>
        reference is not null && (reference.StartsWith(UuidPrefix, StringComparison.Ordinal) || reference.StartsWith(OidPrefix, StringComparison.Ordinal));

    public static IEnumerable<ResourceReference> In(Base element)
    {
        ArgumentNullException.ThrowIfNull(element);
        foreach (var (_, value) in element.EnumerateElements())
        {
            var children = value as IEnumerable<Base> ?? (value is Base single ? [single] : []);
            foreach (var child in children)
            {
                if (child is ResourceReference reference)
                {
                    yield return reference;
                }
                else
                {
                    foreach (var nested in In(child))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }
}
