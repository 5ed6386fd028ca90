using System.Text.Json;
using System.Text.Json.Serialization;

namespace Openness.SamplePortals;

/// <summary>
/// A portal's optional <c>_server.json</c>: the few dynamic behaviours sample portals need. Paths of data files are
/// relative to the portal folder; files and folders whose name starts with '_' are never served as static files.
/// </summary>
public sealed record ServerConfig
{
    /// <summary>Fixed path → file, whatever the query (e.g. a search form's action returning a results page).</summary>
    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];
    /// <summary>GET <c>path?column=..&amp;page=..</c> → JSON page of a column's items.</summary>
    public IReadOnlyList<DataEndpointConfig> ListApis { get; init; } = [];
    /// <summary>Hanweb JCMS <c>dataproxy.jsp</c>: POST with <c>columnid</c> form field, <c>startrecord/endrecord</c> query → XML datastore.</summary>
    public IReadOnlyList<DataEndpointConfig> HanwebDataProxies { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static ServerConfig Load(string portalRoot)
    {
        var path = Path.Combine(portalRoot, "_server.json");
        if (!File.Exists(path)) return new ServerConfig();
        try
        {
            return JsonSerializer.Deserialize<ServerConfig>(File.ReadAllText(path), Json) ?? new ServerConfig();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: invalid server config: {ex.Message}", ex);
        }
    }
}

public sealed record RouteConfig(string Path, string File);

public sealed record DataEndpointConfig(string Path, string Data, int PageSize = 10);

/// <summary>One listed item of a column's data file (<c>{ "column": [ {title,url,date}, ... ] }</c>).</summary>
public sealed record ListItem(string Title, string Url, string Date);
