using Microsoft.Extensions.Logging;

namespace SharpStack.Core.Logging;

/// <summary>Formats log events as one line each ("time LEVEL service category: message") into the process's <see cref="LogSink"/>.</summary>
public sealed class LineLoggerProvider(string service, LogLevel minimum, LogSink sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, ShortCategory(categoryName));

    public void Dispose()
    {
        // The sink belongs to the process, not to one service.
    }

    private static string ShortCategory(string category)
    {
        // "SharpStack.Identity.Tokens.TokenService" -> "Tokens.TokenService": the service is printed separately.
        var parts = category.Split('.');
        return parts.Length > 2 && parts[0] == "SharpStack" ? string.Join('.', parts[2..]) : category;
    }

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch
            {
                LogLevel.Trace => "TRACE",
                LogLevel.Debug => "DEBUG",
                LogLevel.Information => "INFO",
                LogLevel.Warning => "WARNING",
                LogLevel.Error => "ERROR",
                _ => "CRITICAL",
            };
            var line = $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fff} {level} {provider._service} {category}: {formatter(state, exception)}";
            if (exception is not null) line += Environment.NewLine + exception;
            provider._sink.Write(line);
        }
    }

    private readonly string _service = service;
    private readonly LogLevel _minimum = minimum;
    private readonly LogSink _sink = sink;
}
