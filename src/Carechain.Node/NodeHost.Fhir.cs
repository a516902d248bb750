using Carechain.Node.Fhir;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Carechain.Node;

/// <summary>The FHIR R4 API at /fhir, over the vault and the records module.</summary>
public static partial class NodeHost
{
    private static void AddFhirServices(IServiceCollection services)
    {
        services.AddSingleton<FhirWrites>();
        services.AddSingleton<FhirReads>();
        services.AddSingleton<FhirBundles>();
    }

    private static void MapFhirEndpoints(IEndpointRouteBuilder app) => FhirEndpoints.Map(app);
}
