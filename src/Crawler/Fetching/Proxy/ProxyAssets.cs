namespace Openness.Crawler.Fetching.Proxy;

/// <summary>
/// Recognises image, font and media requests from what Chromium sends (its image Accept header, the file extension),
/// so they can be refused without contacting the site when no screenshot needs them.
/// </summary>
internal static class ProxyAssets
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".svg", ".avif",
        ".woff", ".woff2", ".ttf", ".otf", ".eot",
        ".mp4", ".webm", ".ogg", ".ogv", ".mp3", ".wav", ".m4a", ".flv", ".avi", ".mov", ".wmv", ".m3u8",
    };

    public static bool IsAsset(Uri url, ProxyRequestHead head) =>
        head.Header("accept")?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true ||
        Extensions.Contains(Path.GetExtension(url.AbsolutePath));
}
