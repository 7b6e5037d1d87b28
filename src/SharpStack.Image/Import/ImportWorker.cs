using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SharpStack.Image.Import;

/// <summary>Import tasks waiting for the worker (ids of pending task rows).</summary>
public sealed class ImportQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string taskId) => _channel.Writer.TryWrite(taskId);

    public ChannelReader<string> Reader => _channel.Reader;
}

/// <summary>Runs import tasks in the background of the API process (Glance's tasks_pool), a few at a time. If the
/// process stops mid-import, start-up recovery (<see cref="Data.ImageDataRecovery"/>) fails the task and puts the
/// image back where a new import can start.</summary>
public sealed class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, ILogger<ImportWorker> log) : BackgroundService
{
    private const int Parallel = 4;
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Parallel);
        try
        {
            await foreach (var taskId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                var run = Task.Run(async () =>
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(taskId, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        // Stopping: recovery at the next start fails the task.
                    }
                    catch (Exception e)
                    {
                        log.LogError(e, "Import task {TaskId} failed unexpectedly", taskId);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
                _running[run] = true;
                _ = run.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_running.Keys);
    }
}
