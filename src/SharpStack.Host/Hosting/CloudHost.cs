using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using SharpStack.Core.Hosting;
using SharpStack.Host.Commands;

namespace SharpStack.Host.Hosting;

/// <summary>Runs a set of services in this process: builds each, runs its start-up work, opens the ports,
/// and stops them all on SIGINT/SIGTERM.</summary>
public sealed class CloudHost(ServiceContext context, IReadOnlyList<IServiceModule> modules)
{
    private readonly List<(IServiceModule Module, WebApplication App)> _apps = [];

    public IReadOnlyList<(IServiceModule Module, WebApplication App)> Apps => _apps;

    /// <summary>Builds every service and runs its start-up work (migrations); no port is open yet.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        foreach (var module in modules)
        {
            var app = ServiceApp.Build(module, context);
            context.LocalServices.Add(module.Name);
            _apps.Add((module, app));
        }
        foreach (var (module, app) in _apps)
            await module.InitializeAsync(app.Services, ct);
    }

    /// <summary>Opens every service's port; a port in use is reported with the option that moves it.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var (module, app) in _apps)
        {
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new StartupException(
                    $"{module.Name} cannot listen on port {context.Config.Get(module.PortOption)}: the address is already in use " +
                    $"(another OpenStack or SharpStack service?). Stop it, or move {module.Name} with [{module.PortOption.Group.Name}] {module.PortOption.Name}.");
            }
        }
    }

    /// <summary>Waits for SIGINT/SIGTERM, then stops every service gracefully.</summary>
    public async Task WaitForShutdownAsync()
    {
        var stop = new TaskCompletionSource();
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        await StopAsync();
    }

    public async Task StopAsync()
    {
        foreach (var (_, app) in Enumerable.Reverse(_apps))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
        _apps.Clear();
    }
}
