using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Http;
using SharpStack.Core.Logging;

namespace SharpStack.Core.Hosting;

/// <summary>Builds one service's web application with the shared defaults: Kestrel on the configured
/// address, one-line logging, request ids, JSON errors, body size limit.</summary>
public static class ServiceApp
{
    /// <param name="port">Overrides the configured port (0 = any free port, for tests).</param>
    public static WebApplication Build(IServiceModule module, ServiceContext context, int? port = null, IPAddress? bindHost = null)
    {
        var config = context.Config;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "sharpstack-" + module.Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        var address = bindHost ?? config.Get(CoreOptions.BindHost);
        var listenPort = port ?? config.Get(module.PortOption);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = config.Get(CoreOptions.MaxRequestBodySize);
            k.Listen(address, listenPort, l => l.Protocols = HttpProtocols.Http1);
        });
        builder.Logging.ClearProviders();
        var level = config.Get(CoreOptions.Debug) ? LogLevel.Debug : LogLevel.Information;
        builder.Logging.SetMinimumLevel(level);
        builder.Logging.AddProvider(new LineLoggerProvider(module.Name, level, context.LogSink));
        // Framework chatter (routing, hosting lifetime) only at warning level unless debugging.
        builder.Logging.AddFilter("Microsoft", config.Get(CoreOptions.Debug) ? LogLevel.Information : LogLevel.Warning);
        // Service-to-service calls (token validation) would log two lines per outgoing request.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", config.Get(CoreOptions.Debug) ? LogLevel.Information : LogLevel.Warning);
        // EF Core logs every failed command at error level, including expected ones (the first look for the
        // migrations table); real failures reach the request pipeline, which logs them once with the request id.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", config.Get(CoreOptions.Debug) ? LogLevel.Information : LogLevel.Critical);
        if (!config.Get(CoreOptions.LogRequests))
            builder.Logging.AddFilter(typeof(ServicePipelineMiddleware).FullName, LogLevel.Warning);

        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(module.ErrorWriter);
        builder.Services.AddSingleton(new ServiceIdentity(module.Name, module.ExtraRequestIdHeaders, module.WwwAuthenticate(context)));
        module.ConfigureServices(builder.Services, context);

        var app = builder.Build();
        app.UseMiddleware<ServicePipelineMiddleware>();
        module.Configure(app, context);
        return app;
    }
}
