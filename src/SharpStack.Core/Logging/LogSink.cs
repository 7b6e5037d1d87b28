using System.Threading.Channels;

namespace SharpStack.Core.Logging;

/// <summary>The process's one log destination (a file or standard output), written by a background
/// task so request threads never wait on I/O; shared by every service running in the process.</summary>
public sealed class LogSink : IDisposable
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(65536) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly Task _pump;

    public LogSink(string? filePath)
    {
        if (filePath is null)
        {
            // Our own buffered writer over stdout: Console.Out flushes (a write syscall) on every line.
            _writer = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 65536) { AutoFlush = false };
            _ownsWriter = true;
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
            _writer = new StreamWriter(new FileStream(filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new System.Text.UTF8Encoding(false), 65536);
            _ownsWriter = true;
        }
        _pump = Task.Run(PumpAsync);
    }

    public void Write(string line)
    {
        if (!_lines.Writer.TryWrite(line))
            _lines.Writer.WriteAsync(line).AsTask().GetAwaiter().GetResult();
    }

    private async Task PumpAsync()
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var line))
                await _writer.WriteLineAsync(line).ConfigureAwait(false);
            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        try
        {
            _pump.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Logging must never fail the shutdown.
        }
        if (_ownsWriter) _writer.Dispose();
    }
}
