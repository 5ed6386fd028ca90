using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Openness.Fixtures.Faults;

/// <summary>Writes one response (or one failure) for a <see cref="FaultServer"/> route.</summary>
public delegate Task Responder(HttpContext context);

/// <summary>Ready-made responders: pages, statuses, redirects, delays, dropped connections, huge bodies.</summary>
public static class Respond
{
    public static Responder Html(string html, string contentType = "text/html; charset=utf-8", int status = 200) =>
        Bytes(Encoding.UTF8.GetBytes(html), contentType, status);

    public static Responder Bytes(byte[] body, string? contentType, int status = 200) => async context =>
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
            context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    };

    public static Responder Status(int status, params (string Name, string Value)[] headers) => async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
            context.Response.Headers[name] = value;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<html><body><h1>{status}</h1></body></html>", context.RequestAborted);
    };

    public static Responder RetryAfter(int status, string retryAfter) => Status(status, ("Retry-After", retryAfter));

    public static Responder Redirect(string location, int status = 302) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    /// <summary>Waits (honouring the client's disconnect) before handing over to <paramref name="then"/>.</summary>
    public static Responder Delay(TimeSpan delay, Responder then) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await then(context);
    };

    /// <summary>Drops the connection without an answer: the client sees a reset / prematurely ended response.</summary>
    public static Responder Abort() => context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Streams <paramref name="bytes"/> of filler HTML as fast as the client reads it.</summary>
    public static Responder Huge(long bytes, bool declareLength = false, string contentType = "text/html; charset=utf-8") => async context =>
    {
        context.Response.ContentType = contentType;
        if (declareLength)
            context.Response.ContentLength = bytes;
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>filler filler filler</p>\n", 2048)));
        try
        {
            for (long sent = 0; sent < bytes; sent += chunk.Length)
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - sent)), context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // the client stopped reading: expected when it enforces a size cap
        }
    };

    /// <summary>Sends headers at once, then the body a chunk per <paramref name="interval"/> (a server that stalls mid-page).</summary>
    public static Responder Trickle(string html, int chunks, TimeSpan interval) => async context =>
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var bytes = System.Text.Encoding.UTF8.GetBytes(html);
        var size = Math.Max(1, (bytes.Length + chunks - 1) / chunks);
        try
        {
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                await Task.Delay(interval, context.RequestAborted);
                await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // the client gave up: expected when it enforces a timeout
        }
    };

    /// <summary>Sends <paramref name="html"/> compressed with <c>gzip</c>, <c>deflate</c> or <c>br</c>.</summary>
    public static Responder Compressed(string html, string encoding) => async context =>
    {
        using var buffer = new MemoryStream();
        await using (Stream compressor = encoding switch
                     {
                         "gzip" => new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
                         "deflate" => new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
                         "br" => new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
                         _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "gzip, deflate or br"),
                     })
        {
            await compressor.WriteAsync(Encoding.UTF8.GetBytes(html));
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentEncoding = encoding;
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    };
}
