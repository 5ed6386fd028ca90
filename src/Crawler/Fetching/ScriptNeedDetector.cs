using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Decides from raw HTML whether a page shows the assessor something only after its scripts run, so that auto mode
/// renders it in the browser. Rules follow the CMS families in the corpus (TRS WCM pagers, 福建集约化 avalon
/// templates fed by search APIs, Hanweb datastores) rather than any one site.
/// </summary>
public static partial class ScriptNeedDetector
{
    private static readonly HtmlParser Parser = new();

    // Template directives that repeat rows: avalon 1/2 (ms-repeat-*, ms-for), Vue, AngularJS.
    private static readonly string[] RepeatAttributePrefixes = ["ms-repeat", "ms-for", "v-for", "ng-repeat", "data-ng-repeat"];

    private static readonly string[] ContainerTags = ["UL", "OL", "TBODY", "TABLE", "DL", "DIV"];
    private static readonly string[] ContainerNameHints = ["list", "news", "xxgk", "content"];

    // Signals that a script loads data after the page: jQuery/fetch/XHR and the CMS data endpoints seen in the corpus.
    // Signals that a script loads data after the page: the CMS data endpoints seen in the corpus first (they name
    // the source best in a reason), then jQuery/fetch/XHR in general.
    private static readonly (string Needle, string Label)[] XhrSignals =
    [
        ("/fjdzapp/search", "/fjdzapp/search"), (".trsapi", "TRS .trsapi"), ("dataproxy.jsp", "Hanweb dataproxy.jsp"),
        ("$.ajax", "$.ajax"), ("jQuery.ajax", "jQuery.ajax"), ("$.get(", "$.get"), ("$.post(", "$.post"),
        ("$.getJSON", "$.getJSON"), ("fetch(", "fetch()"), ("XMLHttpRequest", "XMLHttpRequest"), ("axios.", "axios"),
    ];

    private static readonly string[] NonHtmlExtensions =
        [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".zip", ".rar", ".jpg", ".jpeg", ".png", ".gif", ".txt", ".xml", ".json"];

    /// <summary>True when <paramref name="html"/> needs script to show its lists, pager or linked data.</summary>
    /// <param name="reason">Which rule fired (English, for notes and logs); empty when false.</param>
    public static bool NeedsScript(string html, Uri url, out string reason)
    {
        reason = "";
        if (string.IsNullOrWhiteSpace(html) || LooksLikeFile(url))
            return false;

        var document = Parser.ParseDocument(html);
        var scripts = document.QuerySelectorAll("script").OfType<IHtmlScriptElement>().ToList();
        var code = string.Join("\n", scripts.Where(IsJavaScript).Select(s => s.Text));
        bool hasScripts = scripts.Any(s => IsJavaScript(s) && (!string.IsNullOrWhiteSpace(s.Source) || !string.IsNullOrWhiteSpace(s.Text)));

        if (TrsPagerCall().Match(code) is { Success: true } pager)
        {
            reason = $"TRS pager {pager.Groups["fn"].Value}() writes the page links";
            return true;
        }
        if (code.Contains("document.write", StringComparison.Ordinal) && CountPageVariable().IsMatch(code))
        {
            reason = "document.write pager loop over countPage writes the page links";
            return true;
        }
        if (scripts.Any(s => string.Equals(s.Type, "text/xml", StringComparison.OrdinalIgnoreCase) &&
                             s.Text.Contains("<datastore>", StringComparison.OrdinalIgnoreCase)))
        {
            reason = "Hanweb <script type=\"text/xml\"><datastore> list is expanded by script";
            return true;
        }
        if (RepeatTemplate(document) is { } directive)
        {
            var xhr = FindXhrSignal(code);
            reason = xhr is null
                ? $"list template ({directive}) is filled by script"
                : $"list template ({directive}) is filled by script from {xhr}";
            return true;
        }
        if (BoundAvalonController(document) is { } controller)
        {
            reason = $"avalon {controller} binds its content by script";
            return true;
        }
        if (MustacheInContainer(document) is { } container)
        {
            reason = $"template placeholders {{{{…}}}} inside list container {container}";
            return true;
        }
        if (!hasScripts)
            return false;

        var empty = EmptyContainers(document).ToList();
        if (FindXhrSignal(code) is { } signal)
        {
            var filled = ReferencedEmptyElement(document, code);
            if (filled is not null)
            {
                reason = $"{signal} fills empty element {filled}";
                return true;
            }
            if (empty.Count > 0)
            {
                reason = $"{signal} near empty list container {Describe(empty[0])}";
                return true;
            }
        }
        if (empty.Count > 0)
        {
            reason = $"list container {Describe(empty[0])} is empty in the raw HTML and the page has scripts";
            return true;
        }
        return false;
    }

    private static bool LooksLikeFile(Uri url) =>
        NonHtmlExtensions.Any(e => url.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static bool IsJavaScript(IHtmlScriptElement script)
    {
        var type = script.Type?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(type) || type.Contains("javascript") || type == "module" || type.Contains("ecmascript");
    }

    private static string? FindXhrSignal(string code) =>
        XhrSignals.FirstOrDefault(s => code.Contains(s.Needle, StringComparison.Ordinal)).Label;

    private static string? RepeatTemplate(IDocument document)
    {
        foreach (var element in document.All)
            foreach (var attribute in element.Attributes)
                foreach (var prefix in RepeatAttributePrefixes)
                    if (attribute.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                        return attribute.Name;
        return null;
    }

    // An avalon controller only matters when something inside it is bound: {{…}} text or ms-* attributes.
    private static string? BoundAvalonController(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll("[ms-controller]"))
        {
            bool bound = element.TextContent.Contains("{{", StringComparison.Ordinal) ||
                         element.Descendants<IElement>().Any(d => d.Attributes.Any(a => a.Name.StartsWith("ms-", StringComparison.OrdinalIgnoreCase)));
            if (bound)
                return $"ms-controller=\"{element.GetAttribute("ms-controller")}\"";
        }
        return null;
    }

    private static bool IsListContainer(IElement element)
    {
        if (Array.IndexOf(ContainerTags, element.TagName) < 0)
            return false;
        if (element.TagName is "UL" or "OL" or "TBODY")
            return true; // a list element is a list whatever it is called
        var names = $"{element.Id} {element.ClassName}".ToLowerInvariant();
        return ContainerNameHints.Any(names.Contains);
    }

    private static string? MustacheInContainer(IDocument document)
    {
        foreach (var element in document.All.Where(IsListContainer))
            if (MustachePlaceholder().IsMatch(element.TextContent))
                return Describe(element);
        return null;
    }

    // Named containers only: an unnamed empty <ul> is too common as decoration to mean "filled later".
    private static IEnumerable<IElement> EmptyContainers(IDocument document) =>
        document.All.Where(e => IsListContainer(e) && HasListName(e) && e.ChildElementCount == 0 &&
                                string.IsNullOrWhiteSpace(e.TextContent));

    private static bool HasListName(IElement element)
    {
        var names = $"{element.Id} {element.ClassName}".ToLowerInvariant();
        return ContainerNameHints.Any(names.Contains);
    }

    // An element the script addresses by id ($("#x"), getElementById("x")) that is empty in the raw HTML.
    private static string? ReferencedEmptyElement(IDocument document, string code)
    {
        foreach (Match match in ScriptIdReference().Matches(code))
        {
            var id = match.Groups["id"].Value;
            var element = document.GetElementById(id);
            if (element is not null && element.ChildElementCount == 0 && string.IsNullOrWhiteSpace(element.TextContent) &&
                element.TagName is not ("INPUT" or "SCRIPT" or "IMG" or "IFRAME" or "SELECT" or "TEXTAREA"))
                return Describe(element);
        }
        return null;
    }

    private static string Describe(IElement element)
    {
        var text = element.LocalName;
        if (!string.IsNullOrEmpty(element.Id))
            text += "#" + element.Id;
        if (!string.IsNullOrWhiteSpace(element.ClassName))
            text += "." + string.Join('.', element.ClassList);
        return text;
    }

    // createPageHTML(21, 0, "index", "html") on TRS WCM; createPage(34, 0, ...) on renamed templates; also the definition.
    [GeneratedRegex(@"\b(?<fn>createPage(?:HTML)?)\s*\(")]
    private static partial Regex TrsPagerCall();

    [GeneratedRegex(@"\bcountPage\b")]
    private static partial Regex CountPageVariable();

    [GeneratedRegex(@"\{\{[^{}]{1,200}\}\}")]
    private static partial Regex MustachePlaceholder();

    [GeneratedRegex(@"(?:\$\(\s*['""]#|getElementById\(\s*['""])(?<id>[A-Za-z][\w\-]*)")]
    private static partial Regex ScriptIdReference();
}
