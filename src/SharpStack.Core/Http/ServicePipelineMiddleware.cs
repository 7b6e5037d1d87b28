using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Hosting;

namespace SharpStack.Core.Http;

/// <summary>The outermost step of every service: request id header, one log line per request,
/// and every failure turned into the service's JSON error (never HTML, never a stack trace).</summary>
public sealed partial class ServicePipelineMiddleware(RequestDelegate next, IErrorWriter errors, ILogger<ServicePipelineMiddleware> log, ServiceIdentity service)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Set(context, RequestIds.New());
        var headers = context.Response.Headers;
        headers[RequestIds.Header] = requestId;
        foreach (var extra in service.ExtraRequestIdHeaders)
            headers[extra] = requestId;

        try
        {
            await next(context);
            if (context.Response.StatusCode is 404 or 405 && !context.Response.HasStarted
                && context.Response.ContentLength is null && context.Response.ContentType is null)
            {
                // Unmatched route or method: answer in the service's shape rather than an empty body.
                var status = context.Response.StatusCode;
                await errors.WriteAsync(context, status, HttpReason.Phrase(status),
                    status == 404 ? "The resource could not be found." : "The method is not allowed for the requested URL.");
            }
        }
        catch (ApiException e)
        {
            await WriteError(context, e.Status, e.Headers, () => errors.WriteAsync(context, e));
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals: body too large, malformed framing.
            var status = e.StatusCode == 413 ? 413 : 400;
            var message = status == 413 ? "Request Entity Too Large" : "The request could not be understood: " + e.Message;
            await WriteError(context, status, HttpReason.Phrase(status), message);
        }
        catch (JsonException)
        {
            await WriteError(context, 400, HttpReason.Phrase(400), "Malformed request body: the body is not valid JSON.");
        }
        catch (Exception e) when (Storage.DatabaseMigrator.IsConnectionFailure(e))
        {
            log.LogWarning("{RequestId} database unavailable on {Method} {Path}: {Message}", requestId, context.Request.Method, context.Request.Path.Value, e.Message);
            await WriteError(context, 503, HttpReason.Phrase(503), "The service's database is not reachable; try again shortly.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e)
        {
            log.LogError(e, "{RequestId} unhandled error on {Method} {Path}", requestId, context.Request.Method, context.Request.Path.Value);
            await WriteError(context, 500, HttpReason.Phrase(500),
                $"An unexpected error prevented the server from fulfilling your request. (request id {requestId})");
        }
        finally
        {
            if (log.IsEnabled(LogLevel.Information))
            {
                var auth = context.Features.Get<AuthContext>();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                RequestLine(log, requestId, auth?.UserId ?? "-", auth?.ProjectId ?? "-", context.Connection.RemoteIpAddress?.ToString() ?? "-",
                    context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, context.Response.ContentLength ?? 0, ms);
            }
        }
    }

    private Task WriteError(HttpContext context, int status, string title, string message) =>
        WriteError(context, status, null, () => errors.WriteAsync(context, status, title, message));

    private async Task WriteError(HttpContext context, int status, IReadOnlyDictionary<string, string>? extraHeaders, Func<Task> write)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        var requestId = RequestIds.Get(context);
        context.Response.Clear();
        context.Response.Headers[RequestIds.Header] = requestId;
        foreach (var extra in service.ExtraRequestIdHeaders)
            context.Response.Headers[extra] = requestId;
        if (status == 401 && service.WwwAuthenticate is not null)
            context.Response.Headers.WWWAuthenticate = service.WwwAuthenticate;
        if (extraHeaders is not null)
            foreach (var (k, v) in extraHeaders)
                context.Response.Headers[k] = v;
        await write();
    }

    // Source-generated: no template parsing and no boxing on the one line every request writes.
    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId} {User} {Project} {Client} \"{Method} {Path}\" status: {Status} len: {Length} time: {Duration:F1}ms")]
    private static partial void RequestLine(ILogger logger, string requestId, string user, string project, string client,
        string method, string path, int status, long length, double duration);
}
