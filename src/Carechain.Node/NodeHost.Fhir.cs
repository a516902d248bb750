using Carechain.Node.Auth;
using Carechain.Node.Fhir;
using Carechain.Node.Hosting;
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
        services.AddSingleton<FhirSearch>();
        services.AddSingleton<FhirConditionalCreate>();
        services.AddSingleton<Fhir.Projections.FhirProjections>();
        services.AddSingleton(sp =>
        {
            var node = sp.GetRequiredService<NodeRuntime>();
            return new DelegatedTokens(node.NodeKey, node.Chain.ChainId, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<Fhir.Everything.CustodianGateway>();
        services.AddSingleton<Fhir.Everything.FhirEverything>();
        services.AddSingleton<FhirBundles>();
    }

    private static void MapFhirEndpoints(IEndpointRouteBuilder app) => FhirEndpoints.Map(app);
}
