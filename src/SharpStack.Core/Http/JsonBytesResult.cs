using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Http;

/// <summary>A JSON answer already serialized (by <see cref="PooledJsonBody.ToBytes"/>), e.g. from a cache.</summary>
public sealed class JsonBytesResult(byte[] utf8Json, int status = 200) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => PooledJsonBody.WriteBytesAsync(httpContext, status, utf8Json);
}
