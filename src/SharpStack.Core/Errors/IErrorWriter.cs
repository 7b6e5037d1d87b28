using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Errors;

/// <summary>Writes an error body in one service's upstream JSON shape (Keystone {"error":…}, Nova {"itemNotFound":…}, …).</summary>
public interface IErrorWriter
{
    Task WriteAsync(HttpContext context, int status, string title, string message);
}
