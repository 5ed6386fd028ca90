using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;

namespace Openness.SamplePortals;

/// <summary>
/// Answers the requests of one sample portal: static files (text pages rendered through <see cref="DateTemplate"/>),
/// directory indexes, and the dynamic endpoints its <c>_server.json</c> declares.
/// </summary>
internal sealed class PortalSite
{
    private static readonly HashSet<string> TemplatedExtensions =
        new(StringComparer.OrdinalIgnoreCase) { ".html", ".htm", ".shtml", ".json", ".js", ".xml" };
    private static readonly string[] IndexNames = ["index.html", "index.htm", "index.shtml"];
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    private readonly string _root;
    private readonly DateOnly _asOf;
    private readonly ServerConfig _config;
    // URL path (rendered from the file's relative path) → physical file; built once so dated paths resolve.
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public string UnitId { get; }

    public PortalSite(string root, DateOnly asOf)
    {
        _root = Path.GetFullPath(root);
        _asOf = asOf;
        UnitId = Path.GetFileName(_root.TrimEnd(Path.DirectorySeparatorChar));
        _config = ServerConfig.Load(_root);
        // Fail at start, not on the first request, when _server.json names a file that is not there.
        foreach (var file in _config.Routes.Select(r => r.File)
                     .Concat(_config.ListApis.Select(a => a.Data)).Concat(_config.HanwebDataProxies.Select(a => a.Data)))
            if (!File.Exists(ResolveInside(file)))
                throw new InvalidDataException($"{UnitId}/_server.json: file '{file}' not found");
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (rel.Split('/').Any(s => s.StartsWith('_'))) continue;
            _files["/" + DateTemplate.RenderPath(rel, asOf)] = file;
        }
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path;
        if (IsTraversal(path) || IsTraversal(Uri.UnescapeDataString(raw.Split('?')[0])))
        {
            await WriteText(ctx, StatusCodes.Status400BadRequest, "text/plain; charset=utf-8", "bad path");
            return;
        }

        if (_config.ListApis.FirstOrDefault(a => a.Path == path) is { } api)
        {
            if (IsGet(ctx)) await ServeListApi(ctx, api);
            else ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (_config.HanwebDataProxies.FirstOrDefault(a => a.Path == path) is { } proxy)
        {
            await ServeHanwebProxy(ctx, proxy);
            return;
        }
        if (!IsGet(ctx))
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (_config.Routes.FirstOrDefault(r => r.Path == path) is { } route)
        {
            await ServeFile(ctx, ResolveInside(route.File));
            return;
        }

        if (path.EndsWith('/'))
        {
            var index = IndexNames.Select(n => path + n).FirstOrDefault(_files.ContainsKey);
            if (index is not null) { await ServeFile(ctx, _files[index]); return; }
        }
        else if (_files.TryGetValue(path, out var file))
        {
            await ServeFile(ctx, file);
            return;
        }
        else if (IndexNames.Any(n => _files.ContainsKey(path + "/" + n)))
        {
            // Real web servers redirect a folder requested without its slash; relative links depend on it.
            ctx.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            ctx.Response.Headers.Location = path + "/" + ctx.Request.QueryString;
            return;
        }
        await WriteText(ctx, StatusCodes.Status404NotFound, "text/html; charset=utf-8",
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404 页面不存在</h1></body></html>");
    }

    private static bool IsGet(HttpContext ctx) => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method);

    private static bool IsTraversal(string path) =>
        path.Contains('\\') || path.Contains('\0') || path.Split('/').Any(s => s is ".." or ".");

    private string ResolveInside(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"{UnitId}/_server.json: '{relative}' points outside the portal folder");
        return full;
    }

    private async Task ServeFile(HttpContext ctx, string file)
    {
        var ext = Path.GetExtension(file);
        if (!ContentTypes.TryGetContentType(file, out var type)) type = "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "application/javascript" or "text/javascript" or "application/xml")
            type += "; charset=utf-8";
        if (TemplatedExtensions.Contains(ext))
        {
            var text = DateTemplate.Render(await File.ReadAllTextAsync(file, ctx.RequestAborted), _asOf);
            await WriteText(ctx, StatusCodes.Status200OK, type, text);
            return;
        }
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = type;
        ctx.Response.ContentLength = new FileInfo(file).Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.SendFileAsync(file, ctx.RequestAborted);
    }

    private static async Task WriteText(HttpContext ctx, int status, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private async Task<Dictionary<string, List<ListItem>>> LoadData(DataEndpointConfig endpoint, CancellationToken ct)
    {
        var text = DateTemplate.Render(await File.ReadAllTextAsync(ResolveInside(endpoint.Data), ct), _asOf);
        return JsonSerializer.Deserialize<Dictionary<string, List<ListItem>>>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))
               ?? throw new InvalidDataException($"{UnitId}/{endpoint.Data}: empty data file");
    }

    private async Task ServeListApi(HttpContext ctx, DataEndpointConfig api)
    {
        var data = await LoadData(api, ctx.RequestAborted);
        var column = ctx.Request.Query["column"].ToString();
        if (!data.TryGetValue(column, out var items))
        {
            await WriteText(ctx, StatusCodes.Status404NotFound, "application/json; charset=utf-8", "{\"error\":\"unknown column\"}");
            return;
        }
        var pageText = ctx.Request.Query["page"].ToString();
        var page = pageText.Length == 0 ? 1 : int.TryParse(pageText, out var p) ? p : 0;
        if (page < 1)
        {
            await WriteText(ctx, StatusCodes.Status400BadRequest, "application/json; charset=utf-8", "{\"error\":\"bad page\"}");
            return;
        }
        var size = Math.Max(1, api.PageSize);
        var pageCount = Math.Max(1, (items.Count + size - 1) / size);
        var body = JsonSerializer.Serialize(new
        {
            column,
            page,
            pageSize = size,
            pageCount,
            total = items.Count,
            items = items.Skip((page - 1) * size).Take(size),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await WriteText(ctx, StatusCodes.Status200OK, "application/json; charset=utf-8", body);
    }

    private async Task ServeHanwebProxy(HttpContext ctx, DataEndpointConfig proxy)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method) || !ctx.Request.HasFormContentType)
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var data = await LoadData(proxy, ctx.RequestAborted);
        var columnId = form["columnid"].ToString();
        if (!data.TryGetValue(columnId, out var items))
        {
            await WriteText(ctx, StatusCodes.Status200OK, "text/xml; charset=utf-8",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>");
            return;
        }
        int Query(string name, int fallback) => int.TryParse(ctx.Request.Query[name].ToString(), out var v) ? v : fallback;
        var perPage = Math.Max(1, Query("perpage", proxy.PageSize));
        var start = Math.Max(1, Query("startrecord", 1));
        var end = Math.Min(items.Count, Math.Max(start, Query("endrecord", start + perPage * 3 - 1)));
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><datastore>");
        sb.Append("<totalrecord>").Append(items.Count).Append("</totalrecord>");
        sb.Append("<totalpage>").Append((items.Count + perPage - 1) / perPage).Append("</totalpage><recordset>");
        foreach (var item in items.Skip(start - 1).Take(Math.Max(0, end - start + 1)))
        {
            var title = System.Net.WebUtility.HtmlEncode(item.Title);
            var url = System.Net.WebUtility.HtmlEncode(item.Url);
            sb.Append("<record><![CDATA[<li><a href='").Append(url).Append("' title='").Append(title)
              .Append("' target='_blank'>").Append(title).Append("</a><span>").Append(System.Net.WebUtility.HtmlEncode(item.Date))
              .Append("</span></li>]]></record>");
        }
        sb.Append("</recordset></datastore>");
        await WriteText(ctx, StatusCodes.Status200OK, "text/xml; charset=utf-8", sb.ToString());
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var p = new FileExtensionContentTypeProvider();
        p.Mappings[".shtml"] = "text/html";
        p.Mappings[".js"] = "text/javascript";
        p.Mappings[".json"] = "application/json";
        return p;
    }
}
