using System.Data.Common;
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
        CheckPortsFree();
        foreach (var module in modules)
        {
            var app = ServiceApp.Build(module, context);
            context.LocalServices.Add(module.Name);
            _apps.Add((module, app));
        }
        foreach (var (module, app) in _apps)
        {
            try
            {
                await module.InitializeAsync(app.Services, ct);
            }
            catch (DbException e)
            {
                throw new StartupException(
                    $"{module.Name} cannot use its database: {e.Message.ReplaceLineEndings(" ")}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : "")}. " +
                    "Check [database] connection and that the server is running; `sharpstack manage status` checks it.");
            }
        }
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
                throw PortInUse(module);
            }
        }
    }

    /// <summary>Refuses to start (before any set-up work) when a service's address is taken or cannot be bound,
    /// so the operator sees one line naming the option to change rather than the web server's error log.</summary>
    public void CheckPortsFree()
    {
        var address = context.Config.Get(CoreOptions.BindHost);
        foreach (var module in modules)
        {
            var port = context.Config.Get(module.PortOption);
            if (port == 0) continue;
            var probe = new TcpListener(address, port);
            try
            {
                probe.Start();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw PortInUse(module);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AccessDenied)
            {
                var fix = e.SocketErrorCode == SocketError.AccessDenied
                    ? $"ports below 1024 need root; move {module.Name} with [{module.PortOption.Group.Name}] {module.PortOption.Name}"
                    : "set [DEFAULT] bind_host (or my_ip) to an address of this host, or 0.0.0.0";
                throw new StartupException($"{module.Name} cannot listen on {address}:{port}: {e.Message}; {fix}.");
            }
            finally
            {
                probe.Stop();
            }
        }
    }

    private StartupException PortInUse(IServiceModule module)
    {
        var option = module.PortOption;
        var env = $"SHARPSTACK_{option.Group.Name.ToUpperInvariant()}__{option.Name.ToUpperInvariant()}";
        return new StartupException(
            $"{module.Name} cannot listen on {context.Config.Get(CoreOptions.BindHost)}:{context.Config.Get(option)}: the address is already in use " +
            $"(another OpenStack or SharpStack service?). Stop it, or move {module.Name} with [{option.Group.Name}] {option.Name} (or {env}=PORT).");
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
