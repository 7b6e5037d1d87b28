using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Errors;

/// <summary>Writes an error body in one service's upstream JSON shape (Keystone {"error":…}, Nova {"itemNotFound":…}, …).</summary>
public interface IErrorWriter
{
    Task WriteAsync(HttpContext context, int status, string title, string message);

    /// <summary>Writes an error raised as an exception; services whose bodies carry more (a code) override this.</summary>
    Task WriteAsync(HttpContext context, ApiException error) => WriteAsync(context, error.Status, error.Title, error.Message);
}
