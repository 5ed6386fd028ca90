namespace Openness.Crawler.Fetching;

/// <summary>Chromium is missing or cannot start: an installation problem for the operator, not a finding about a site.</summary>
public sealed class BrowserUnavailableException : InvalidOperationException
{
    public BrowserUnavailableException(string message) : base(message) { }
    public BrowserUnavailableException(string message, Exception inner) : base(message, inner) { }
}
