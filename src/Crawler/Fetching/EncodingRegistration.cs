using System.Text;

namespace Openness.Crawler.Fetching;

/// <summary>Makes GB18030, GBK and Big5 available (.NET ships only Unicode and Latin encodings by default).</summary>
public static class EncodingRegistration
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void EnsureCodePages() => _ = Registered.Value;
}
