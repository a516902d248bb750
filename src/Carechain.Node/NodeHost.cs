using Carechain.Client.Contracts;
using Carechain.Node.Api;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.Node;

/// <summary>
/// Builds a node's web host: the ledger runtime, the solo producer or the Raft membership, and the REST API under
/// /api/v1 with its OpenAPI document at /openapi/v1.json. Every error leaves as problem+json.
/// </summary>
public static partial class NodeHost
{
    /// <param name="time">The node's clock; the system clock unless a test shifts it.</param>
    public static WebApplication Build(NodeOptions options, Action<ILoggingBuilder>? configureLogging = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        configureLogging?.Invoke(builder.Logging);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(sp => NodeRuntime.Open(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        AddRecordServices(builder.Services);
        builder.Services.AddSingleton(_ => Vault.NodeVault.OpenAsync(options).GetAwaiter().GetResult());
        builder.Services.AddHostedService<Vault.VaultErasure>();
        AddFhirServices(builder.Services);
        builder.Services.AddSingleton<Api.Supply.CaptureJobs>();
        builder.Services.AddSingleton<Api.Supply.SupplyReads>();
        if (options.Consortium is null)
        {
            builder.Services.AddHostedService<ProducerService>();
        }
        else
        {
            builder.Services.AddHostedService<ConsortiumService>();
        }

        var app = builder.Build();

        // Open the store now, so a damaged or locked store fails start-up rather than the first request.
        app.Services.GetRequiredService<NodeRuntime>();
        app.Services.GetRequiredService<Vault.NodeVault>();
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledAsync));
        app.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
        app.UseAuthentication();
        app.Use(Auth.DelegatedTokenScope.InvokeAsync);
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapGet("/health", Health).WithName("Health");
        var api = app.MapGroup("/api/v1");
        ChainEndpoints.Map(api);
        TransactionEndpoints.Map(api);
        ProofEndpoints.Map(api);
        AccountEndpoints.Map(api);
        NotaryEndpoints.Map(api);
        MembershipEndpoints.Map(api);
        MapRecordEndpoints(api);
        CheckpointEndpoints.Map(api);
        Api.Supply.SupplyEndpoints.Map(api);
        Api.Supply.EpcisEndpoints.Map(app);
        MapFhirEndpoints(app);
        return app;
    }

    private static IResult Health(NodeRuntime node) =>
        node.Stopped is { } stopped
            ? ApiProblem.For(stopped.Code, stopped.Detail)
            : node.CatchUp?.CatchingUpTo is { } target
                ? Results.Ok(new HealthDto("catching_up", node.Chain.Head.Height, target))
                : Results.Ok(new HealthDto("ok", node.Chain.Head.Height));

    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        (int status, string code, string detail) = error switch
        {
            Microsoft.AspNetCore.Http.BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (bad.StatusCode, ApiProblem.RequestTooLarge, "the request body is too large"),
            Microsoft.AspNetCore.Http.BadHttpRequestException bad => (bad.StatusCode, ApiProblem.MalformedRequest, "the request could not be read"),
            _ => (StatusCodes.Status500InternalServerError, ApiProblem.InternalError, "the node failed to answer; the failure is in its log"),
        };
        if (status >= 500 && error is not null)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Carechain.Node");
            LogUnhandled(logger, context.Request.Path, error);
        }

        await ApiProblem.Create(status, code, detail).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var code = status switch
        {
            StatusCodes.Status404NotFound => ApiProblem.NotFound,
            StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
            StatusCodes.Status413PayloadTooLarge => ApiProblem.RequestTooLarge,
            StatusCodes.Status415UnsupportedMediaType => ApiProblem.MalformedRequest,
            _ => ApiProblem.MalformedRequest,
        };
        return ApiProblem.Create(status, code, $"{context.Request.Method} {context.Request.Path} answered {status}").ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Unhandled failure answering {Path}")]
    private static partial void LogUnhandled(ILogger logger, PathString path, Exception exception);
}
