using System.Net;
using System.Text;
using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Rules.SiteModel;

namespace Openness.Rules.Tests.Sites;

/// <summary>A row as a list page shows it: title, path, date text exactly as printed ("2026-11-18", "[11-18]").</summary>
public sealed record Row(string Title, string Path, string? Date);

/// <summary>A document detail page with a TRS-style metadata table; null fields are left out of the page.</summary>
public sealed record Doc(string Path, string Title, string Column, string ColumnPath)
{
    public string? IndexNumber { get; init; } = "11350128MB0000000X/2026-00001";
    public string? IssuingBody { get; init; } = "测试县人民政府办公室";
    public string? Written { get; init; }
    public string? Published { get; init; }
    public string? DocumentNumber { get; init; } = "测政办〔2026〕1号";
    public string? Topic { get; init; } = "综合政务";
    /// <summary>Extra markup after the body: a 相关解读 block, an 原文链接 line, a script-drawn sidebar ...</summary>
    public string Related { get; init; } = "";
}

/// <summary>
/// Hand-written pages of a small county portal in the TRS shapes (homepage with nav and "更多" blocks, list pages
/// with breadcrumbs, detail pages with a metadata table), turned into snapshot pages and built into a site model.
/// </summary>
public sealed class Portal(string baseUrl = "http://www.csx.gov.cn/")
{
    private readonly List<(string Name, string Path)> _nav = [];
    private readonly List<(string Name, string Path, Row[] Rows)> _homeBlocks = [];
    private readonly List<SnapshotPage> _pages = [];
    private bool _home = true;
    public DateTimeOffset FetchedAt { get; set; } = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    public string Url(string path) => new Uri(new Uri(baseUrl), path).AbsoluteUri;
    public string BaseUrl => baseUrl;

    private static string E(string s) => WebUtility.HtmlEncode(s);

    public Portal Nav(string name, string path) { _nav.Add((name, path)); return this; }

    public Portal HomeBlock(string name, string path, params Row[] rows) { _homeBlocks.Add((name, path, rows)); return this; }

    public Portal WithoutHomepage() { _home = false; return this; }

    /// <summary>A column's list page (linked from the nav), with its rows; <paramref name="page"/> &gt; 0 writes index_N.html.</summary>
    public Portal Column(string name, string path, Row[] rows, int page = 0, bool inNav = true)
    {
        if (inNav && page == 0) _nav.Add((name, path));
        var list = string.Concat(rows.Select(r =>
            $"<li><a href=\"{E(r.Path)}\" title=\"{E(r.Title)}\" target=\"_blank\">{E(r.Title)}</a>{(r.Date is null ? "" : $"<span class=\"date\">{E(r.Date)}</span>")}</li>\n"));
        var html = $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="测试县人民政府">
            <meta name="ColumnName" content="{E(name)}"><title>{E(name)}_测试县人民政府</title></head><body>
            <div class="header"><img src="/images/logo.png" alt="测试县人民政府"></div>
            <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="{E(path)}">{E(name)}</a></div>
            <div class="list-box"><h2 class="list-title">{E(name)}</h2><ul class="list">
            {list}</ul>
            <div class="page"><script>createPageHTML(2, {page}, "index", "html");</script></div></div>
            <div class="footer">主办：测试县人民政府办公室</div></body></html>
            """;
        _pages.Add(Page(page == 0 ? path : path + $"index_{page}.html", html));
        return this;
    }

    /// <summary>A column whose rows are drawn by an avalon template fed by an API the snapshot did not call.</summary>
    public Portal ScriptColumn(string name, string path)
    {
        _nav.Add((name, path));
        var html = $"""
            <html><head><meta name="ColumnName" content="{E(name)}"><title>{E(name)}_测试县人民政府</title></head><body>
            <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="{E(path)}">{E(name)}</a></div>
            <div class="list-box" ms-controller="list"><ul class="list"><li ms-repeat="list"><a ms-attr-href="el.url">{"{{el.title}}"}</a><span>{"{{el.time}}"}</span></li></ul></div>
            <script src="/js/avalon.js"></script><script>$.post('/fjdzapp/search', {"{channelid: 200210}"});</script>
            </body></html>
            """;
        _pages.Add(Page(path, html));
        return this;
    }

    public Portal Detail(Doc doc)
    {
        var meta = new StringBuilder();
        void Cell(string label, string? value)
        {
            if (value is not null) meta.Append($"<tr><td class=\"label\">{label}：</td><td>{E(value)}</td></tr>");
        }
        Cell("索 引 号", doc.IndexNumber);
        Cell("发文机关", doc.IssuingBody);
        Cell("成文日期", doc.Written);
        Cell("标　　题", doc.Title);
        Cell("发文字号", doc.DocumentNumber);
        Cell("发布日期", doc.Published);
        Cell("主题分类", doc.Topic);
        var html = $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="测试县人民政府">
            <meta name="ColumnName" content="{E(doc.Column)}"><meta name="ArticleTitle" content="{E(doc.Title)}">
            {(doc.Published is null ? "" : $"<meta name=\"PubDate\" content=\"{E(doc.Published)} 09:30\">")}
            <title>{E(doc.Title)}_{E(doc.Column)}_测试县人民政府</title></head><body>
            <div class="header"><ul class="nav"><li><a href="/zwgk/zcjd/">政策解读</a></li></ul></div>
            <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="{E(doc.ColumnPath)}">{E(doc.Column)}</a></div>
            <table class="xxgk-table">{meta}</table>
            <h1>{E(doc.Title)}</h1><div class="content"><p>各乡镇人民政府，县直各单位：现将有关事项通知如下。</p></div>
            {doc.Related}
            <div class="footer"><a href="/zwgk/zcjd/">政策解读</a> 主办：测试县人民政府办公室</div></body></html>
            """;
        _pages.Add(Page(doc.Path, html));
        return this;
    }

    public Portal Failed(string path, PageErrorKind error, int? status = null, string referrer = "/")
    {
        _pages.Add(new SnapshotPage
        {
            Url = Url(path), Referrer = Url(referrer), FetchedAt = FetchedAt,
            Outcome = new PageOutcome { Status = status, Error = error, Message = error.ToString() },
        });
        return this;
    }

    public Portal Raw(string path, string html, IReadOnlyDictionary<string, string>? notes = null)
    {
        _pages.Add(Page(path, html, notes));
        return this;
    }

    private SnapshotPage Page(string path, string html, IReadOnlyDictionary<string, string>? notes = null) =>
        TestSites.Page(Url(path), html, FetchedAt, notes);

    private string HomeHtml()
    {
        var nav = string.Concat(_nav.DistinctBy(n => n.Path).Select(n => $"<li><a href=\"{E(n.Path)}\">{E(n.Name)}</a></li>"));
        var blocks = string.Concat(_homeBlocks.Select(b =>
            $"<div class=\"box\"><div class=\"box-hd\"><span class=\"tit\">{E(b.Name)}</span><a class=\"more\" href=\"{E(b.Path)}\">更多&gt;&gt;</a></div><ul>" +
            string.Concat(b.Rows.Select(r => $"<li><a href=\"{E(r.Path)}\">{E(r.Title)}</a><span>{E(r.Date ?? "")}</span></li>")) + "</ul></div>"));
        return $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="测试县人民政府"><title>测试县人民政府</title></head><body>
            <div class="header"><form action="/search/index.jsp" method="get"><input type="text" name="searchword"><input type="hidden" name="siteid" value="7"><button>搜索</button></form></div>
            <div class="nav"><ul><li><a href="/">首页</a></li>{nav}</ul></div>
            <div class="main">{blocks}</div>
            <div class="footer">主办：测试县人民政府办公室</div></body></html>
            """;
    }

    public List<SnapshotPage> Pages()
    {
        var pages = new List<SnapshotPage>();
        if (_home) pages.Add(Page("/", HomeHtml()));
        pages.AddRange(_pages);
        return pages;
    }

    public Rules.SiteModel.SiteModel Build(int? publishingTarget = null) =>
        SiteModelBuilder.Build(TestSites.Unit(baseUrl, publishingTarget), Pages(), TestSites.Catalogue);
}
