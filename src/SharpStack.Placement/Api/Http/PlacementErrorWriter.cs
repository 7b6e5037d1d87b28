using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Microversions;

namespace SharpStack.Placement.Api.Http;

/// <summary>Placement's error bodies: {"errors": [{"status", "title", "detail", "code" (1.23+), "request_id"}]}, where
/// detail is webob's explanation of the status followed by the message, as upstream renders it.</summary>
public sealed partial class PlacementErrorWriter : IErrorWriter
{
    public Task WriteAsync(HttpContext context, int status, string title, string message) =>
        Write(context, status, title, message, null, false);

    public Task WriteAsync(HttpContext context, ApiException error) =>
        Write(context, error.Status, error.Title, error.Message, error.Code, error is UnacceptableVersionException);

    private static Task Write(HttpContext context, int status, string title, string message, string? code, bool versionRange)
    {
        var version = context.Features.Get<RequestMicroversion>()?.Version;
        if (version is { } v) PlacementVersion.Stamp(context.Response, v);
        var detail = Detail(context, status, message);
        if (Preferred(context) is { } text) return WriteTextAsync(context, status, title, detail, text);
        return JsonErrorBody.WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteNumber("status", status);
            w.WriteString("title", title);
            w.WriteString("detail", detail);
            if (version is { } at && at >= new Microversion(1, 23)) w.WriteString("code", code ?? PlacementErrors.Undefined);
            w.WriteString("request_id", RequestIds.Get(context));
            if (versionRange)
            {
                w.WriteString("max_version", PlacementVersion.Maximum.ToString());
                w.WriteString("min_version", PlacementVersion.Minimum.ToString());
            }
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>webob answers JSON unless the Accept header prefers HTML ("html") or only other types ("plain").</summary>
    private static string? Preferred(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length == 0 || accept.Contains("*/*") || accept.Contains("application/json") || accept.Contains("application/*")) return null;
        return accept.Contains("text/html") ? "html" : "plain";
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string title, string detail, string kind)
    {
        var response = context.Response;
        response.StatusCode = status;
        var line = $"{status} {title}";
        string body;
        if (kind == "html")
        {
            response.ContentType = "text/html; charset=UTF-8";
            var encoded = System.Net.WebUtility.HtmlEncode(detail).Replace("\n\n", "<br /><br />\n");
            body = $"<html>\n <head>\n  <title>{line}</title>\n </head>\n <body>\n  <h1>{line}</h1>\n  {encoded}\n </body>\n</html>";
        }
        else
        {
            response.ContentType = "text/plain; charset=UTF-8";
            body = $"{line}\n\n{detail}";
        }
        await response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>webob's body: the status's explanation, a blank line, then the message (newlines as spaces, tags removed).</summary>
    internal static string Detail(HttpContext context, int status, string message)
    {
        var text = Tags().Replace(message.Replace("\r", "").Replace('\n', ' ').Replace("<!--", "").Replace("-->", ""), "");
        return status switch
        {
            405 => $"The method {context.Request.Method} is not allowed for this resource. \n\n {text}",
            406 => $"The resource could not be generated that was acceptable to your browser (content of type {AcceptText(context)}. \n\n {text}",
            415 => $"The request media type {context.Request.ContentType ?? "None"} is not supported by this server. \n\n {text}",
            _ => $"{Explanation(status)}\n\n {text}  ",
        };
    }

    private static string AcceptText(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        return accept.Length == 0 || accept == "*/*" ? "application/json" : accept;
    }

    private static string Explanation(int status) => status switch
    {
        400 => "The server could not comply with the request since it is either malformed or otherwise incorrect.",
        401 => "This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.",
        403 => "Access was denied to this resource.",
        404 => "The resource could not be found.",
        409 => "There was a conflict when trying to complete your request.",
        413 => "The server has decided that the request is too large to process.",
        503 => "The server is currently unavailable. Please try again at a later time.",
        _ => "The server has either erred or is incapable of performing the requested operation.",
    };

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
