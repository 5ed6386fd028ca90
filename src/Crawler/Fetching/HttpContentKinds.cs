namespace Openness.Crawler.Fetching;

/// <summary>Which responses are worth keeping as text. PDFs, Office files, images and archives are recorded
/// (status, content type) but their bodies are not downloaded: checks only need to know they exist.</summary>
public static class HttpContentKinds
{
    public static bool IsTextual(string? mediaType) => mediaType switch
    {
        null or "" => true, // unlabelled: most likely HTML from an old CMS; the body decides (see LooksBinary)
        _ when mediaType.StartsWith("text/", StringComparison.Ordinal) => true,
        _ when mediaType.EndsWith("+xml", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal) => true,
        "application/xml" or "application/json" or "application/javascript" or "application/x-javascript"
            or "application/ecmascript" => true,
        _ => false,
    };

    public static bool IsHtml(string? mediaType) =>
        mediaType is null or "" or "text/html" or "application/xhtml+xml";

    /// <summary>NUL bytes never occur in text encodings used on these sites (UTF-16 pages carry a BOM).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return false;
        return body[..Math.Min(body.Length, 1024)].Contains((byte)0);
    }
}
