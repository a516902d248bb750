using Carechain.Node.Api.Auth;
using Carechain.Node.Api.Records;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Carechain.Node.Records;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Carechain.Node;

/// <summary>Sign-in by key, bearer authentication, and the records API (patient view, reads that leave access events).</summary>
public static partial class NodeHost
{
    private static void AddRecordServices(IServiceCollection services)
    {
        // The core of AddAuthentication without the data protection it also registers: nothing here
        // protects cookies or state, and its key ring would be created (with a warning on standard
        // error) in the home folder of whoever runs the node.
        services.AddAuthenticationCore(options => options.DefaultScheme = CarechainBearerHandler.SchemeName);
        services.AddWebEncoders();
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, CarechainBearerHandler>(CarechainBearerHandler.SchemeName, configureOptions: null);
        services.AddAuthorization();
        services.AddSingleton<ChallengeStore>();
        services.AddSingleton(sp =>
        {
            var node = sp.GetRequiredService<NodeRuntime>();
            return new BearerTokens(node.NodeKey, node.Chain.ChainId, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<NodeSubmitter>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<AnchorLog>();
    }

    private static void MapRecordEndpoints(IEndpointRouteBuilder api)
    {
        AuthEndpoints.Map(api);
        PatientEndpoints.Map(api);
        RecordEndpoints.Map(api);
        ReviewEndpoints.Map(api);
    }
}
