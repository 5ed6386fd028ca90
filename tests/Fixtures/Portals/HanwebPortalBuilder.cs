using System.Text;
using static Openness.Fixtures.Portals.PortalGenerator;
using static Openness.Fixtures.Portals.PortalText;

namespace Openness.Fixtures.Portals;

/// <summary>
/// A Hanweb 大汉 JCMS portal: column pages <c>/col/col&lt;id&gt;/index.html</c> embed the first group of 45 records in
/// <c>&lt;script type="text/xml"&gt;&lt;datastore&gt;</c>; later groups come from POST
/// <c>/module/web/jpage/dataproxy.jsp?startrecord=…&amp;endrecord=…&amp;perpage=15</c> (served by <see cref="PortalServer"/>).
/// Articles at <c>/art/YYYY/M/D/art_&lt;col&gt;_&lt;id&gt;.html</c> with ZJEG_RSS markers.
/// </summary>
internal static class HanwebPortalBuilder
{
    public const int PerPage = 15;
    public const int GroupSize = PerPage * 3;
    public const string WebId = "38";
    public const string WebName = "青山县人民政府";

    public static int UnitId(string columnId) => 5000 + int.Parse(columnId) % 1000;

    public static GeneratedPortal Build(PortalSpec spec)
    {
        var portal = new GeneratedPortal(spec);
        var counts = Split(spec.Documents);
        var nextId = 20001;
        var first = new List<(string Path, string Title, DateOnly Date)>();
        for (var c = 0; c < Plans.Length; c++)
        {
            var plan = Plans[c];
            var records = new List<PortalItem>();
            for (var n = 0; n < counts[c]; n++)
            {
                var date = DateOf(spec, c, n);
                var id = nextId++;
                var path = $"/art/{date.Year}/{date.Month}/{date.Day}/art_{plan.Id}_{id}.html";
                var title = Title(plan.Name, spec.County, n, date);
                records.Add(new PortalItem(title, path, date));
                portal.AddPage(path, Article(spec, plan, title, id, n, date));
                portal.DocumentPaths.Add(path);
            }
            portal.HanwebRecords[plan.Id] = records;
            var colPath = $"/col/col{plan.Id}/index.html";
            // Half the columns state totalRecord in the pager script; the others reveal it only in dataproxy answers.
            portal.AddPage(colPath, Column(spec, plan, records, statesTotal: c % 2 == 0));
            portal.DataProxyPosts += Math.Max(0, (int)Math.Ceiling(records.Count / (double)RequestSize(spec)) - 1);
            portal.Columns.Add(new PortalColumn(plan.Id, plan.Name, colPath, [colPath], records.Select(r => r.Path).ToList()));
            if (records.Count > 0) first.Add((records[0].Path, records[0].Title, records[0].Date));
        }
        portal.AddPage("/index.html", Home(spec, first));
        portal.AddPage("/col/col1800/index.html", Platform(spec));
        return portal;
    }

    /// <summary>The proxy the column pages' script posts to.</summary>
    public static string ProxyPath(PortalSpec spec) => spec.HanwebLoadMore ? LoadMoreProxyPath : DataProxyPath;
    public const string DataProxyPath = "/module/web/jpage/dataproxy.jsp";
    public const string LoadMoreProxyPath = "/module/web/jpage/morecolumndataproxy.jsp";

    /// <summary>Records per proxy answer: a group of 3 pages, or one page in the load-more list.</summary>
    public static int RequestSize(PortalSpec spec) => spec.HanwebLoadMore ? PerPage : GroupSize;

    /// <summary>What dataproxy.jsp answers for records <paramref name="start"/>..<paramref name="end"/> (1-based).</summary>
    public static string DataProxyAnswer(IReadOnlyList<PortalItem> records, int start, int end)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><datastore>");
        sb.Append($"<totalrecord>{records.Count}</totalrecord><totalpage>{(int)Math.Ceiling(records.Count / (double)PerPage)}</totalpage><recordset>");
        for (var i = Math.Max(1, start); i <= Math.Min(end, records.Count); i++) sb.Append(Record(records[i - 1]));
        sb.Append("</recordset></datastore>");
        return sb.ToString();
    }

    private static string Record(PortalItem r) =>
        $"<record><![CDATA[<li><a href='{r.Path}' title='{E(r.Title)}' target='_blank'>{E(r.Title)}</a><span>{r.Date:yyyy-MM-dd}</span></li>]]></record>\n";

    private static string Nav() =>
        "<div class=\"nav\"><a href=\"/index.html\">首页</a><a href=\"/col/col1800/index.html\">政务公开</a>" +
        "<a href=\"/col/col1809/index.html\">工作动态</a></div>";

    private static string LeftNav() =>
        "<div class=\"xxgk_nav\"><ul>" + string.Concat(Plans.Select(p => $"<li><a href=\"/col/col{p.Id}/index.html\">{E(p.Name)}</a></li>")) + "</ul></div>";

    private static string Home(PortalSpec spec, List<(string Path, string Title, DateOnly Date)> latest)
    {
        var sb = new StringBuilder(Head(spec, "首页", "首页")).Append(Nav());
        sb.Append(SearchForm("/jrobot/search.do", "q", ("webid", WebId)));
        sb.Append("<ul class=\"news\">");
        foreach (var d in latest) sb.Append($"<li><a href=\"{d.Path}\">{E(d.Title)}</a><span>{d.Date:yyyy-MM-dd}</span></li>");
        sb.Append("</ul>").Append(TrapLinks(spec, latest.Count > 0 ? latest[0].Path : "/index.html")).Append(Foot(spec));
        return sb.ToString();
    }

    private static string Platform(PortalSpec spec) =>
        Head(spec, "政府信息公开", "政府信息公开") + Nav() + LeftNav() + "<div class=\"xxgk_intro\">本平台按照政府信息公开要求设置栏目。</div>" + Foot(spec);

    private static string Column(PortalSpec spec, PortalGenerator.ColumnPlan plan, List<PortalItem> records, bool statesTotal)
    {
        var unit = UnitId(plan.Id);
        var sb = new StringBuilder(Head(spec, plan.Name, plan.Name)).Append(Nav()).Append(LeftNav());
        sb.Append($"<div class=\"bt-position\">当前位置：<a href=\"/index.html\">首页</a> &gt; <a href=\"/col/col1800/index.html\">政府信息公开</a> &gt; {E(plan.Name)}</div>");
        sb.Append($"<div id=\"{unit}\"><script type=\"text/xml\"><datastore>");
        sb.Append($"<nextgroup><![CDATA[<a href=\"{ProxyPath(spec)}?page=1&appid=1&webid={WebId}&path=/&columnid={plan.Id}&unitid={unit}&webname={Uri.EscapeDataString(WebName)}&permissiontype=0\"></a>]]></nextgroup>");
        sb.Append("<recordset>");
        foreach (var r in records.Take(RequestSize(spec))) sb.Append(Record(r));
        sb.Append("</recordset></datastore></script></div>");
        sb.Append("<script language=\"javascript\" src=\"/module/jslib/jquery/jpage/jquery.page.min.js\"></script>");
        sb.Append($"<script>$(document).ready(function(){{ $('#{unit}').jpage({{ dataStore: dataStore, proxyUrl: '{ProxyPath(spec)}', perPage: {PerPage}, groupSize: {(spec.HanwebLoadMore ? 1 : 3)}");
        if (statesTotal) sb.Append($", totalRecord: {records.Count}");
        sb.Append(", barPosition: 'bottom', ajaxParam: {col:1, webid:" + WebId + ", columnid:" + plan.Id + ", unitid:" + unit + "} }); });</script>");
        sb.Append(Foot(spec));
        return sb.ToString();
    }

    private static string Article(PortalSpec spec, PortalGenerator.ColumnPlan plan, string title, int id, int n, DateOnly date)
    {
        var sb = new StringBuilder(Head(spec, title, plan.Name, $"{date:yyyy-MM-dd} 10:{n % 60:D2}"));
        sb.Append($"<meta name=\"Maketime\" content=\"{date:yyyy-MM-dd} 10:{n % 60:D2}:00\">").Append(Nav());
        sb.Append($"<div class=\"bt-position\"><a href=\"/index.html\">首页</a> &gt; <a href=\"/col/col{plan.Id}/index.html\">{E(plan.Name)}</a></div>");
        if (plan.Name != "政府信息公开指南") sb.Append(MetadataTable(spec, plan.Name, title, id, n, date));
        sb.Append($"<h1>{E(title)}</h1><meta name=\"ContentStart\"><!--ZJEG_RSS.content.begin--><div id=\"zoom\">{Body(title, spec.County, n)}</div><!--ZJEG_RSS.content.end--><meta name=\"ContentEnd\">");
        sb.Append(Foot(spec));
        return sb.ToString();
    }
}
