namespace Openness.Crawler.Crawling;

/// <summary>
/// robots.txt rules for one host (RFC 9309): the group naming our product token wins over <c>*</c>; the longest
/// matching Allow/Disallow path decides, Allow winning ties; <c>*</c> and a trailing <c>$</c> are supported.
/// </summary>
public sealed class RobotsRules
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    public static RobotsRules AllowAll { get; } = new([]);

    private RobotsRules(List<(string, bool)> rules) => _rules = rules;

    /// <summary>The product token robots.txt groups name: the User-Agent up to the first '/' or space.</summary>
    public static string ProductToken(string userAgent) =>
        userAgent.Split('/', ' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? userAgent;

    public static RobotsRules Parse(string text, string productToken)
    {
        var groups = new List<(List<string> Agents, List<(string, bool)> Rules)>();
        (List<string> Agents, List<(string, bool)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (current is null || !lastWasAgent) { current = ([], []); groups.Add(current.Value); }
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null) continue;
            if (key == "disallow" && value.Length > 0) current.Value.Rules.Add((value, false));
            else if (key == "allow" && value.Length > 0) current.Value.Rules.Add((value, true));
        }
        var token = productToken.ToLowerInvariant();
        var ours = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        var chosen = ours.Count > 0 ? ours : groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsRules(chosen.SelectMany(g => g.Rules).ToList());
    }

    public bool IsAllowed(Uri url)
    {
        var target = url.PathAndQuery;
        var bestLength = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (!Matches(pattern, target)) continue;
            if (pattern.Length > bestLength || (pattern.Length == bestLength && allow))
            {
                bestLength = pattern.Length;
                allowed = allow;
            }
        }
        return allowed;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        return Match(body, 0, Uri.UnescapeDataString(path), 0, anchored) || Match(body, 0, path, 0, anchored);
    }

    private static bool Match(string p, int pi, string s, int si, bool anchored)
    {
        while (pi < p.Length)
        {
            if (p[pi] == '*')
            {
                for (var k = si; k <= s.Length; k++)
                    if (Match(p, pi + 1, s, k, anchored)) return true;
                return false;
            }
            if (si >= s.Length || p[pi] != s[si]) return false;
            pi++; si++;
        }
        return !anchored || si == s.Length;
    }
}
