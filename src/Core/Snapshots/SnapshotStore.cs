using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Openness.Core.Snapshots;

/// <summary>
/// A unit's site snapshot: one SQLite file holding the crawl frontier and every fetched page (HTML gzip-compressed).
/// Each page is committed as it is fetched, so a killed crawl resumes from the frontier without refetching, and
/// the rules stage reads the same file without touching the network.
/// </summary>
public sealed class SnapshotStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    public string FilePath { get; }
    public string Folder => Path.GetDirectoryName(FilePath)!;

    private SnapshotStore(string path, SqliteConnection db) { FilePath = path; _db = db; }

    public static SnapshotStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        Exec(db, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS frontier (
              url TEXT PRIMARY KEY, depth INTEGER NOT NULL, referrer TEXT, priority INTEGER NOT NULL DEFAULT 0,
              state INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS frontier_state ON frontier(state, priority, seq);
            CREATE INDEX IF NOT EXISTS frontier_seq ON frontier(seq);
            CREATE INDEX IF NOT EXISTS frontier_bfs ON frontier(state, depth, priority DESC, seq);
            CREATE TABLE IF NOT EXISTS pages (
              url TEXT PRIMARY KEY, final_url TEXT, depth INTEGER NOT NULL, referrer TEXT, mode INTEGER NOT NULL,
              fetched_at TEXT NOT NULL, status INTEGER, error INTEGER NOT NULL, message TEXT, attempts INTEGER NOT NULL,
              elapsed_ms REAL NOT NULL, content_type TEXT, content_hash TEXT, html BLOB, screenshot TEXT, notes TEXT,
              seq INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS pages_seq ON pages(seq);
            """);
        return new SnapshotStore(Path.GetFullPath(path), db);
    }

    // ---- meta -------------------------------------------------------------------------------------------

    public void SetMeta(string key, string value)
    {
        lock (_gate)
        {
            using var cmd = Command("INSERT INTO meta(key,value) VALUES($k,$v) ON CONFLICT(key) DO UPDATE SET value=$v");
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.ExecuteNonQuery();
        }
    }

    public string? GetMeta(string key)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT value FROM meta WHERE key=$k");
            cmd.Parameters.AddWithValue("$k", key);
            return cmd.ExecuteScalar() as string;
        }
    }

    /// <summary>Every meta entry whose key starts with <paramref name="prefix"/> (crawl counters kept for a resume).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MetaWithPrefix(string prefix)
    {
        lock (_gate)
        {
            // substr rather than LIKE: crawled URLs in keys may contain % and _.
            using var cmd = Command("SELECT key,value FROM meta WHERE substr(key,1,length($p))=$p");
            cmd.Parameters.AddWithValue("$p", prefix);
            using var r = cmd.ExecuteReader();
            var list = new List<KeyValuePair<string, string>>();
            while (r.Read()) list.Add(new(r.GetString(0), r.GetString(1)));
            return list;
        }
    }

    // ---- frontier ---------------------------------------------------------------------------------------

    /// <summary>Adds a URL to the frontier unless it was ever seen; returns whether it was new.</summary>
    public bool Enqueue(string url, int depth, string? referrer, int priority = 0)
    {
        lock (_gate)
        {
            using var cmd = Command("""
                INSERT INTO frontier(url,depth,referrer,priority,state,seq)
                VALUES($u,$d,$r,$p,0,(SELECT COALESCE(MAX(seq),0)+1 FROM frontier)) ON CONFLICT(url) DO NOTHING
                """);
            cmd.Parameters.AddWithValue("$u", url);
            cmd.Parameters.AddWithValue("$d", depth);
            cmd.Parameters.AddWithValue("$r", (object?)referrer ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$p", priority);
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    public bool IsKnown(string url)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT 1 FROM frontier WHERE url=$u");
            cmd.Parameters.AddWithValue("$u", url);
            return cmd.ExecuteScalar() is not null;
        }
    }

    /// <summary>Queued URLs in breadth-first order (lower depth, then higher priority, then insertion).</summary>
    public IReadOnlyList<FrontierEntry> Pending(int max)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT url,depth,referrer FROM frontier WHERE state=0 ORDER BY depth, priority DESC, seq LIMIT $n");
            cmd.Parameters.AddWithValue("$n", max);
            using var r = cmd.ExecuteReader();
            var list = new List<FrontierEntry>();
            while (r.Read()) list.Add(new FrontierEntry(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2)));
            return list;
        }
    }

    public int PendingCount()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT COUNT(*) FROM frontier WHERE state=0");
            return Convert.ToInt32(cmd.ExecuteScalar());
        }
    }

    /// <summary>Marks a queued URL as dropped without a page (over budget, trap) so a resumed crawl skips it.</summary>
    public void Skip(string url)
    {
        lock (_gate)
        {
            using var cmd = Command("UPDATE frontier SET state=2 WHERE url=$u");
            cmd.Parameters.AddWithValue("$u", url);
            cmd.ExecuteNonQuery();
        }
    }

    // ---- pages ------------------------------------------------------------------------------------------

    /// <summary>Stores a fetched page and marks its frontier entry done, in one transaction.</summary>
    public void Save(SnapshotPage page)
    {
        byte[]? html = page.Html is null ? null : Compress(page.Html);
        var hash = page.ContentHash ?? (page.Html is null ? null : Hash(page.Html));
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using (var cmd = Command("""
                INSERT INTO pages(url,final_url,depth,referrer,mode,fetched_at,status,error,message,attempts,elapsed_ms,
                                  content_type,content_hash,html,screenshot,notes,seq)
                VALUES($u,$f,$d,$r,$m,$t,$s,$e,$msg,$a,$el,$ct,$h,$html,$shot,$notes,(SELECT COALESCE(MAX(seq),0)+1 FROM pages))
                ON CONFLICT(url) DO UPDATE SET final_url=$f,mode=$m,fetched_at=$t,status=$s,error=$e,message=$msg,
                  attempts=$a,elapsed_ms=$el,content_type=$ct,content_hash=$h,html=$html,screenshot=$shot,notes=$notes
                """, tx))
            {
                cmd.Parameters.AddWithValue("$u", page.Url);
                cmd.Parameters.AddWithValue("$f", (object?)page.FinalUrl ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$d", page.Depth);
                cmd.Parameters.AddWithValue("$r", (object?)page.Referrer ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$m", (int)page.Mode);
                cmd.Parameters.AddWithValue("$t", page.FetchedAt.ToString("O"));
                cmd.Parameters.AddWithValue("$s", (object?)page.Outcome.Status ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$e", (int)page.Outcome.Error);
                cmd.Parameters.AddWithValue("$msg", (object?)page.Outcome.Message ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$a", page.Outcome.Attempts);
                cmd.Parameters.AddWithValue("$el", page.Outcome.Elapsed.TotalMilliseconds);
                cmd.Parameters.AddWithValue("$ct", (object?)page.ContentType ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$h", (object?)hash ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$html", (object?)html ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$shot", (object?)page.ScreenshotPath ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$notes", page.Notes.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(page.Notes));
                cmd.ExecuteNonQuery();
            }
            using (var done = Command("""
                INSERT INTO frontier(url,depth,referrer,priority,state,seq)
                VALUES($u,$d,$r,0,1,(SELECT COALESCE(MAX(seq),0)+1 FROM frontier))
                ON CONFLICT(url) DO UPDATE SET state=1
                """, tx))
            {
                done.Parameters.AddWithValue("$u", page.Url);
                done.Parameters.AddWithValue("$d", page.Depth);
                done.Parameters.AddWithValue("$r", (object?)page.Referrer ?? DBNull.Value);
                done.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    public int PageCount()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT COUNT(*) FROM pages");
            return Convert.ToInt32(cmd.ExecuteScalar());
        }
    }

    public SnapshotPage? Get(string url)
    {
        lock (_gate)
        {
            using var cmd = Command($"{SelectPages} WHERE url=$u OR final_url=$u LIMIT 1");
            cmd.Parameters.AddWithValue("$u", url);
            using var r = cmd.ExecuteReader();
            return r.Read() ? ReadPage(r, withHtml: true) : null;
        }
    }

    /// <summary>Streams pages in fetch order; HTML is decompressed lazily per row so memory stays flat.</summary>
    public IEnumerable<SnapshotPage> Pages(bool withHtml = true)
    {
        // A separate connection lets callers stream while the crawler (or anything else) keeps writing.
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"{SelectPages} ORDER BY seq";
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return ReadPage(r, withHtml);
    }

    private const string SelectPages = """
        SELECT url,final_url,depth,referrer,mode,fetched_at,status,error,message,attempts,elapsed_ms,
               content_type,content_hash,html,screenshot,notes FROM pages
        """;

    private static SnapshotPage ReadPage(SqliteDataReader r, bool withHtml) => new()
    {
        Url = r.GetString(0),
        FinalUrl = r.IsDBNull(1) ? null : r.GetString(1),
        Depth = r.GetInt32(2),
        Referrer = r.IsDBNull(3) ? null : r.GetString(3),
        Mode = (FetchMode)r.GetInt32(4),
        FetchedAt = DateTimeOffset.Parse(r.GetString(5), System.Globalization.CultureInfo.InvariantCulture),
        Outcome = new PageOutcome
        {
            Status = r.IsDBNull(6) ? null : r.GetInt32(6),
            Error = (PageErrorKind)r.GetInt32(7),
            Message = r.IsDBNull(8) ? null : r.GetString(8),
            Attempts = r.GetInt32(9),
            Elapsed = TimeSpan.FromMilliseconds(r.GetDouble(10)),
        },
        ContentType = r.IsDBNull(11) ? null : r.GetString(11),
        ContentHash = r.IsDBNull(12) ? null : r.GetString(12),
        Html = withHtml && !r.IsDBNull(13) ? Decompress((byte[])r[13]) : null,
        ScreenshotPath = r.IsDBNull(14) ? null : r.GetString(14),
        Notes = r.IsDBNull(15) ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(15)) ?? new(),
    };

    public static string Hash(string html) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html)))[..32];

    private static byte[] Compress(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    private static string Decompress(byte[] data)
    {
        using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}

public sealed record FrontierEntry(string Url, int Depth, string? Referrer);
