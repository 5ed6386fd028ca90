using System.Text;
using static Openness.Fixtures.Portals.PortalGenerator;
using static Openness.Fixtures.Portals.PortalText;

namespace Openness.Fixtures.Portals;

/// <summary>
/// A TRS WCM county portal: static lists <c>index.html</c>, <c>index_1.html</c> … whose pager exists only as script
/// (createPageHTML, a renamed createPage, and the hd.gov.cn countPage/document.write loop all occur), documents at
/// <c>./YYYYMM/tYYYYMMDD_&lt;id&gt;.html</c> with the 索引号 metadata table, PDFs attached to policy documents.
/// </summary>
internal static class TrsPortalBuilder
{
    private enum Pager { CreatePageHtml, RenamedCreatePage, CountPageLoop }

    public static GeneratedPortal Build(PortalSpec spec)
    {
        var portal = new GeneratedPortal(spec);
        var counts = Split(spec.Documents);
        var nextId = 10001;
        var docsByColumn = new List<List<(string Path, string Title, DateOnly Date, int Id)>>();
        for (var c = 0; c < Plans.Length; c++)
        {
            var list = new List<(string, string, DateOnly, int)>();
            for (var n = 0; n < counts[c]; n++)
            {
                var date = DateOf(spec, c, n);
                var id = nextId++;
                list.Add(($"/{Plans[c].Folder}{date:yyyyMM}/t{date:yyyyMMdd}_{id}.html", Title(Plans[c].Name, spec.County, n, date), date, id));
            }
            docsByColumn.Add(list);
        }

        var policy = docsByColumn[Array.FindIndex(Plans, p => p.Name == "政策文件")];
        var interpretations = docsByColumn[Array.FindIndex(Plans, p => p.Name == "政策解读")];
        for (var c = 0; c < Plans.Length; c++)
        {
            var plan = Plans[c];
            var docs = docsByColumn[c];
            var pager = plan.Name switch { "规划计划" => Pager.RenamedCreatePage, "政策解读" => Pager.CountPageLoop, _ => Pager.CreatePageHtml };
            var ext = plan.Name == "财政资金" ? "shtml" : "html";
            // Big portals get longer pages rather than more than 15 list pages per column.
            var size = Math.Max(spec.ListPageSize, (int)Math.Ceiling(docs.Count / 15.0));
            var pageCount = Math.Max(1, (int)Math.Ceiling(docs.Count / (double)size));
            var listPaths = new List<string>();
            for (var k = 0; k < pageCount; k++)
            {
                var path = $"/{plan.Folder}{(k == 0 ? "index" : $"index_{k}")}.{ext}";
                listPaths.Add(path);
                portal.AddPage(path, ListPage(spec, plan, docs.Skip(k * size).Take(size).ToList(), k, pageCount, ext, pager));
            }
            for (var n = 0; n < docs.Count; n++)
            {
                var d = docs[n];
                string? related = null;
                if (plan.Name == "政策文件" && n < interpretations.Count) related = $"<a href=\"{interpretations[n].Path}\">【政策解读】{E(interpretations[n].Title)}</a>";
                if (plan.Name == "政策解读" && n < policy.Count) related = $"<a href=\"{policy[n].Path}\">【相关文件】{E(policy[n].Title)}</a>";
                string? attachment = null;
                if (plan.Name == "政策文件" && spec.AttachmentEvery > 0 && n % spec.AttachmentEvery == 0)
                {
                    var pdf = d.Path[..(d.Path.LastIndexOf('/') + 1)] + $"P0{d.Date:yyyyMMdd}{d.Id}.pdf";
                    portal.AddResource(pdf, new PortalResource("application/pdf", $"%PDF-1.4\n% {d.Title}\n%%EOF\n"));
                    portal.AttachmentPaths.Add(pdf);
                    attachment = $"<ul id=\"file_ul_fj\"><li>附件：<a href=\"./{pdf[(pdf.LastIndexOf('/') + 1)..]}\">{E(d.Title)}.pdf</a></li></ul>";
                }
                portal.AddPage(d.Path, Document(spec, plan, ext, d.Title, d.Id, n, d.Date, related, attachment));
                portal.DocumentPaths.Add(d.Path);
            }
            portal.Columns.Add(new PortalColumn(plan.Id, plan.Name, listPaths[0], listPaths, docs.Select(d => d.Path).ToList()));
        }

        var latest = docsByColumn.SelectMany(d => d).OrderByDescending(d => d.Date).Take(8).ToList();
        portal.AddPage("/index.html", Home(spec, portal, latest.Select(d => (d.Path, d.Title, d.Date)).ToList()));
        portal.AddPage("/zwgk/index.html", Platform(spec, portal));
        portal.AddPage("/zwgk/ysqgk/index.html", StaticColumn(spec, "依申请公开",
            "<p>公民、法人或者其他组织可以通过在线申请、信函申请、当面申请等方式向本机关申请获取政府信息。</p>" +
            "<p>受理机构：县人民政府办公室；地址：青山县人民路1号；邮政编码：330100；电话：0791-12345678。</p>"));
        portal.AddPage("/hdjl/index.html", StaticColumn(spec, "互动交流",
            (spec.Traps ? $"<p><a href=\"/hdjl/calendar.html?year={spec.Today.Year}&amp;month={spec.Today.Month}\">领导活动安排</a></p>" : "") +
            "<p>县长信箱、在线访谈、征集调查。</p>"));
        return portal;
    }

    private static string Nav(PortalGenerator.ColumnPlan[] plans) =>
        "<div class=\"nav\"><a href=\"/index.html\">首页</a><a href=\"/zwgk/index.html\">政务公开</a>" +
        $"<a href=\"/{plans[^1].Folder}index.html\">新闻中心</a><a href=\"/hdjl/index.html\">互动交流</a></div>";

    private static string Home(PortalSpec spec, GeneratedPortal portal, List<(string Path, string Title, DateOnly Date)> latest)
    {
        var sb = new StringBuilder(Head(spec, "首页", "首页"));
        sb.Append(Nav(Plans));
        sb.Append(SearchForm("/search/search.html", "searchword", ("channelid", "1")));
        sb.Append("<div class=\"news\"><h2>最新信息</h2><ul>");
        foreach (var d in latest) sb.Append($"<li><a href=\"{d.Path}\" title=\"{E(d.Title)}\">{E(d.Title)}</a><span>{d.Date:yyyy-MM-dd}</span></li>");
        sb.Append("</ul></div>");
        sb.Append(TrapLinks(spec, latest.Count > 0 ? latest[0].Path : "/zwgk/index.html"));
        sb.Append(Foot(spec));
        return sb.ToString();
    }

    private static string LeftNav() =>
        "<div class=\"info_menu_list\"><ul>" + string.Concat(Plans.Where(p => p.Folder.StartsWith("zwgk/", StringComparison.Ordinal))
            .Select(p => $"<li><a href=\"/{p.Folder}index.{(p.Name == "财政资金" ? "shtml" : "html")}\">{E(p.Name)}</a></li>")) +
        "<li><a href=\"/zwgk/ysqgk/index.html\">依申请公开</a></li></ul></div>";

    private static string Platform(PortalSpec spec, GeneratedPortal portal)
    {
        var sb = new StringBuilder(Head(spec, "政府信息公开", "政府信息公开"));
        sb.Append(Nav(Plans)).Append("<div class=\"position\">当前位置：<a href=\"/index.html\">首页</a> &gt; 政府信息公开</div>");
        sb.Append(LeftNav());
        sb.Append("<div class=\"xxgk-tiles\">");
        foreach (var c in portal.Columns.Where(c => c.Path.StartsWith("/zwgk/", StringComparison.Ordinal)))
            sb.Append($"<div class=\"tile\"><a href=\".{c.Path[5..]}\">{E(c.Name)}</a></div>");
        sb.Append("</div>").Append(Foot(spec));
        return sb.ToString();
    }

    private static string StaticColumn(PortalSpec spec, string name, string content) =>
        Head(spec, name, name) + Nav(Plans) + LeftNav() + $"<div class=\"content\"><h2>{E(name)}</h2>{content}</div>" + Foot(spec);

    private static string ListPage(PortalSpec spec, PortalGenerator.ColumnPlan plan, List<(string Path, string Title, DateOnly Date, int Id)> rows,
        int index, int pageCount, string ext, Pager pager)
    {
        var sb = new StringBuilder(Head(spec, plan.Name, plan.Name));
        sb.Append(Nav(Plans)).Append($"<div class=\"position\">当前位置：<a href=\"/index.html\">首页</a> &gt; <a href=\"/zwgk/index.html\">政府信息公开</a> &gt; {E(plan.Name)}</div>");
        sb.Append(LeftNav()).Append("<div class=\"list\"><ul>");
        var folder = "/" + plan.Folder;
        foreach (var r in rows)
            sb.Append($"<li><a href=\".{r.Path[(folder.Length - 1)..]}\" target=\"_blank\" title=\"{E(r.Title)}\">{E(r.Title)}</a><span>{r.Date:yyyy-MM-dd}</span></li>");
        sb.Append("</ul><div class=\"page\">");
        switch (pager)
        {
            case Pager.CreatePageHtml:
                sb.Append("<script type=\"text/javascript\">\n//WCM置标\nfunction createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){\n")
                  .Append("  if(_nPageCount == null || _nPageCount<=1){ return; }\n  var nCurrIndex = _nCurrIndex || 0;\n")
                  .Append("  if(nCurrIndex == 0) document.write(\"<span>首页</span>&nbsp;\");\n")
                  .Append("  else document.write(\"<a href=\\\"\"+_sPageName+\".\"+_sPageExt+\"\\\">首页</a>&nbsp;\");\n")
                  .Append("  for(var i=1; i<_nPageCount; i++){ document.write(\"<a href=\\\"\"+_sPageName+\"_\" + i + \".\"+_sPageExt+\"\\\">\"+(i+1)+\"</a>&nbsp;\"); }\n}\n")
                  .Append($"createPageHTML({pageCount}, {index}, \"index\", \"{ext}\");\n</script>");
                break;
            case Pager.RenamedCreatePage:
                sb.Append($"<script>var countPage = {pageCount};//共多少页\nvar currentPage = {index};\ncreatePage(countPage, currentPage, \"index\", \"{ext}\");</script>");
                break;
            case Pager.CountPageLoop:
                sb.Append($"<script>\nvar currentPage={index};\nvar prevPage=currentPage-1\nvar nextPage=currentPage+1\nvar countPage={pageCount}\n")
                  .Append("document.write(\"<a href=\\\"index.html\\\" target=\\\"_self\\\" >首页</a>&nbsp;&nbsp;\");\n")
                  .Append("for(var i=1;i<countPage;i++){ document.write(\"<a href=\\\"index\"+\"_\"+i+\".\"+\"html\\\" target=\\\"_self\\\" class='pnum'>\"+(i+1)+\"</a>&nbsp;&nbsp;\"); }\n")
                  .Append("if(countPage>1&&currentPage!=(countPage-1))\n document.write(\"<a href=\\\"index\"+\"_\"+nextPage+\".\"+\"html\\\" target=\\\"_self\\\">下一页</a>&nbsp;&nbsp;\");\n")
                  .Append("</script>");
                break;
        }
        sb.Append("</div></div>").Append(Foot(spec));
        return sb.ToString();
    }

    private static string Document(PortalSpec spec, PortalGenerator.ColumnPlan plan, string ext, string title, int id, int n, DateOnly date, string? related, string? attachment)
    {
        var sb = new StringBuilder(Head(spec, title, plan.Name, $"{date:yyyy-MM-dd} 09:{n % 60:D2}"));
        sb.Append(Nav(Plans));
        sb.Append($"<div class=\"position\">当前位置：<a href=\"/index.html\">首页</a> &gt; <a href=\"/zwgk/index.html\">政府信息公开</a> &gt; <a href=\"../index.{ext}\">{E(plan.Name)}</a></div>");
        if (plan.Folder.StartsWith("zwgk/", StringComparison.Ordinal) && plan.Name != "政府信息公开指南")
            sb.Append(MetadataTable(spec, plan.Name, title, id, n, date));
        sb.Append($"<div class=\"article\"><h1>{E(title)}</h1><div class=\"TRS_Editor\">{Body(title, spec.County, n)}</div>");
        if (attachment is not null) sb.Append(attachment);
        if (related is not null) sb.Append($"<div class=\"related\">{related}</div>");
        sb.Append("</div>").Append(Foot(spec));
        return sb.ToString();
    }
}
