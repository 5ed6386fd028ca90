using System.Text;
using System.Text.Json;
using static Openness.Fixtures.Portals.PortalGenerator;
using static Openness.Fixtures.Portals.PortalText;

namespace Openness.Fixtures.Portals;

/// <summary>
/// A TRS 集约化 "动静结合" portal (pingtan / Fujian style): each column's first page is static
/// (<c>ms-visible="showStatic"</c>), later pages are an avalon <c>ms-repeat</c> template fed by the JSON API
/// <c>/api/list?chnlid=&lt;id&gt;&amp;page=&lt;n&gt;&amp;prepage=10</c>. Only a browser reaches documents beyond page 1.
/// </summary>
internal static class AvalonPortalBuilder
{
    public const int PrePage = 10;

    public static GeneratedPortal Build(PortalSpec spec)
    {
        var portal = new GeneratedPortal(spec);
        var counts = Split(spec.Documents);
        var nextId = 30001;
        for (var c = 0; c < Plans.Length; c++)
        {
            var plan = Plans[c];
            var items = new List<PortalItem>();
            for (var n = 0; n < counts[c]; n++)
            {
                var date = DateOf(spec, c, n);
                var id = nextId++;
                var path = $"/{plan.Folder}{date:yyyyMM}/t{date:yyyyMMdd}_{id}.htm";
                var title = Title(plan.Name, spec.County, n, date);
                items.Add(new PortalItem(title, path, date));
                // Documents past the static first page exist, but only script finds them.
                portal.AddPage(path, Document(spec, plan, title, id, n, date), crawlable: n < PrePage);
                portal.DocumentPaths.Add(path);
            }
            portal.AvalonChannels[plan.Id] = items;
            var colPath = $"/{plan.Folder}index.html";
            portal.AddPage(colPath, Column(spec, plan, items));
            portal.Columns.Add(new PortalColumn(plan.Id, plan.Name, colPath, [colPath], items.Select(i => i.Path).ToList()));
        }
        var sb = new StringBuilder(Head(spec, "首页", "首页")).Append(Nav());
        sb.Append(SearchForm("/fjdzapp/searchpage.html", "keyWord", ("siteId", spec.SiteCode)));
        sb.Append(TrapLinks(spec, portal.Columns[^1].Documents.FirstOrDefault() ?? "/index.html")).Append(Foot(spec));
        portal.AddPage("/index.html", sb.ToString());
        portal.AddPage("/zwgk/index.html", Head(spec, "政府信息公开", "政府信息公开") + Nav() + LeftNav() + Foot(spec));
        return portal;
    }

    public static string ListJson(IReadOnlyList<PortalItem> items, int page, int prePage) =>
        JsonSerializer.Serialize(new
        {
            total = items.Count,
            page,
            data = items.Skip((page - 1) * prePage).Take(prePage)
                .Select(i => new { title = i.Title, url = i.Path, pubdate = i.Date.ToString("yyyy-MM-dd") }),
        });

    private static string Nav() =>
        "<div class=\"nav\"><a href=\"/index.html\">首页</a><a href=\"/zwgk/index.html\">政务公开</a>" +
        $"<a href=\"/{Plans[^1].Folder}index.html\">工作动态</a></div>";

    private static string LeftNav() =>
        "<div class=\"info_menu_list\"><ul>" + string.Concat(Plans.Select(p => $"<li><a href=\"/{p.Folder}index.html\">{E(p.Name)}</a></li>")) + "</ul></div>";

    private static string Column(PortalSpec spec, PortalGenerator.ColumnPlan plan, List<PortalItem> items)
    {
        var sb = new StringBuilder(Head(spec, plan.Name, plan.Name)).Append(Nav()).Append(LeftNav());
        sb.Append("<div class=\"xxgk_list\" ms-controller=\"list\"><dl ms-visible=\"showStatic\">");
        var folder = "/" + plan.Folder;
        foreach (var i in items.Take(PrePage))
            sb.Append($"<dd><a href=\".{i.Path[(folder.Length - 1)..]}\" title=\"{E(i.Title)}\">{E(i.Title)}</a></dd><dd>\n  {i.Date:yyyy-MM-dd}\n</dd>");
        sb.Append("</dl><dl ms-visible=\"!showStatic\"><dd ms-repeat=\"list\"><a ms-attr-href=\"el.url\" ms-attr-title=\"el.title\">{{el.title}}</a><span>{{el.pubdate}}</span></dd></dl>");
        sb.Append($"<div id=\"page\" ms-include-src=\"'/pgBar_xxgk.html'\"></div></div><script>var listConfig = {{ url: '/api/list', chnlid: {plan.Id}, prepage: {PrePage}, recordCount: '{items.Count}' }};</script>");
        sb.Append(Foot(spec));
        return sb.ToString();
    }

    private static string Document(PortalSpec spec, PortalGenerator.ColumnPlan plan, string title, int id, int n, DateOnly date) =>
        Head(spec, title, plan.Name, $"{date:yyyy-MM-dd} 17:{n % 60:D2}") + Nav() +
        (plan.Name == "政府信息公开指南" ? "" : MetadataTable(spec, plan.Name, title, id, n, date)) +
        $"<div class=\"article_content\"><h1>{E(title)}</h1>{Body(title, spec.County, n)}</div>" + Foot(spec);
}
