using System.Text;

namespace Openness.Crawler.Fetching.Proxy;

/// <summary>The request line and headers of one request Chromium sent to its forward proxy.</summary>
internal sealed record ProxyRequestHead(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public const int MaxHeadBytes = 64 * 1024;

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public long ContentLength => long.TryParse(Header("content-length"), out var n) && n >= 0 ? n : 0;

    public bool IsChunked => Header("transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Parses "METHOD target HTTP/1.x" and the header lines; null when the bytes are not an HTTP request.</summary>
    public static ProxyRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            return null;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
                continue;
            var colon = line.IndexOf(':');
            if (colon <= 0)
                return null;
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new ProxyRequestHead(parts[0], parts[1], headers);
    }
}

/// <summary>Buffered reads from the client side of a proxy connection: request heads, then exact body lengths.</summary>
internal sealed class ProxyClientReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads up to the blank line ending a request head; null at a clean end of the connection.</summary>
    public async Task<ProxyRequestHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        int matched = 0; // how much of "\r\n\r\n" the bytes so far end with
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                return head.Length == 0 ? null : throw new IOException("connection ended inside a request head");
            while (_start < _end)
            {
                var b = _buffer[_start++];
                head.WriteByte(b);
                matched = b == (matched is 0 or 2 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4)
                    return ProxyRequestHead.Parse(head.GetBuffer().AsSpan(0, (int)head.Length - 4))
                           ?? throw new IOException("not an HTTP/1.x proxy request");
                if (head.Length > ProxyRequestHead.MaxHeadBytes)
                    throw new IOException("request head too large");
            }
        }
    }

    public async Task<byte[]> ReadBodyAsync(ProxyRequestHead head, long maxBytes, CancellationToken cancellationToken)
    {
        if (head.IsChunked)
            return await ReadChunkedAsync(maxBytes, cancellationToken).ConfigureAwait(false);
        var length = head.ContentLength;
        if (length > maxBytes)
            throw new IOException($"request body of {length} bytes is larger than {maxBytes}");
        var body = new byte[length];
        await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    private async Task<byte[]> ReadChunkedAsync(long maxBytes, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var size = Convert.ToInt64(sizeLine.Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0) { } // trailers
                return body.ToArray();
            }
            if (body.Length + size > maxBytes)
                throw new IOException($"request body larger than {maxBytes} bytes");
            var chunk = new byte[size];
            await ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                throw new IOException("connection ended inside a chunked body");
            var b = (char)_buffer[_start++];
            if (b == '\n')
                return line.ToString().TrimEnd('\r');
            if (line.Length > 4096)
                throw new IOException("chunk line too long");
            line.Append(b);
        }
    }

    private async Task ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < target.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                throw new IOException("connection ended inside a request body");
            var n = Math.Min(_end - _start, target.Length - filled);
            Array.Copy(_buffer, _start, target, filled, n);
            _start += n;
            filled += n;
        }
    }

    /// <summary>Bytes the client already sent past the head of a CONNECT (the start of its TLS handshake).</summary>
    public ReadOnlyMemory<byte> TakeBuffered()
    {
        var rest = _buffer.AsMemory(_start, _end - _start);
        _start = _end;
        return rest;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}
