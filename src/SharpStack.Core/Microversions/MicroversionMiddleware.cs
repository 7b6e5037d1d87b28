using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Microversions;

/// <summary>Negotiates the microversion of every request under a path prefix and exposes it to handlers.</summary>
public sealed class MicroversionMiddleware(RequestDelegate next, MicroversionNegotiator negotiator, PathString prefix)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(prefix)) return next(context);
        var version = negotiator.Negotiate(context.Request.Headers);
        context.Features.Set(new RequestMicroversion(version));
        negotiator.Stamp(context.Response, version);
        return next(context);
    }
}

/// <summary>The microversion a request was negotiated to.</summary>
public sealed record RequestMicroversion(Microversion Version);

/// <summary>Handler-side access: <c>context.Microversion() &gt;= new(2, 53)</c>.</summary>
public static class MicroversionExtensions
{
    public static Microversion Microversion(this HttpContext context) =>
        context.Features.Get<RequestMicroversion>()?.Version ?? throw new InvalidOperationException("no microversion was negotiated for this request");
}
