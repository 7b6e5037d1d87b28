using Microsoft.Data.Sqlite;
using Npgsql;
using SharpStack.Core.Configuration;

namespace SharpStack.Core.Storage;

/// <summary>Which database engine a service's connection URL names.</summary>
public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>A parsed SQLAlchemy-style database URL ("sqlite:////var/lib/x.db", "postgresql+psycopg2://u:p@host/db"),
/// as upstream config files write them, turned into an ADO.NET connection string.</summary>
public sealed record DatabaseUrl(DatabaseEngine Engine, string ConnectionString, string Display)
{
    /// <summary>Parses <paramref name="url"/>; <paramref name="where"/> names the option for error messages.</summary>
    public static DatabaseUrl Parse(string url, string where)
    {
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (colon <= 0)
            throw new ConfigException($"{where} = '{url}' is not a database URL (expected sqlite:////path/to/file.db or postgresql://user:password@host/dbname)");
        var scheme = trimmed[..colon].ToLowerInvariant();
        var dialect = scheme.Split('+')[0];
        return dialect switch
        {
            "sqlite" => Sqlite(trimmed[(colon + 3)..], where, url),
            "postgresql" or "postgres" or "pgsql" => Postgres(trimmed, where),
            "mysql" or "mariadb" => throw new ConfigException(
                $"{where} = '{Mask(url)}': MySQL/MariaDB is not supported by SharpStack (no MySQL driver for its storage layer is available); " +
                "use postgresql://user:password@host/dbname, or leave the option unset for SQLite"),
            _ => throw new ConfigException(
                $"{where} = '{Mask(url)}': unknown database type '{scheme}' (supported: sqlite, postgresql)"),
        };
    }

    /// <summary>The URL with its password replaced by ****, safe to print.</summary>
    public static string Mask(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0) return url;
        var userInfo = url[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':');
        return colon < 0 ? url : url[..(scheme + 3)] + userInfo[..colon] + ":****" + url[at..];
    }

    private static DatabaseUrl Sqlite(string rest, string where, string original)
    {
        // SQLAlchemy: sqlite:// is in-memory, sqlite:///relative.db, sqlite:////absolute.db
        var query = rest.IndexOf('?');
        if (query >= 0) rest = rest[..query];
        if (rest.Length == 0 || rest == "/")
            return new DatabaseUrl(DatabaseEngine.Sqlite, "Data Source=:memory:", "sqlite (in memory)");
        if (!rest.StartsWith('/'))
            throw new ConfigException($"{where} = '{original}' is not a valid SQLite URL (expected sqlite:////absolute/path.db)");
        var path = rest[1..];
        if (path.Length == 0)
            throw new ConfigException($"{where} = '{original}' names no database file");
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new DatabaseUrl(DatabaseEngine.Sqlite, builder.ToString(), "sqlite " + full);
    }

    private static DatabaseUrl Postgres(string url, string where)
    {
        Uri uri;
        try
        {
            // Uri needs a scheme it can parse; the driver suffix (+psycopg2) is irrelevant to us.
            uri = new Uri("postgresql" + url[url.IndexOf("://", StringComparison.Ordinal)..]);
        }
        catch (UriFormatException)
        {
            throw new ConfigException($"{where} = '{Mask(url)}' is not a valid URL (expected postgresql://user:password@host[:port]/dbname)");
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
            throw new ConfigException($"{where} = '{Mask(url)}' names no database (expected postgresql://user:password@host[:port]/dbname)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Length == 0 ? "localhost" : uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = database,
            Pooling = true,
            MaxPoolSize = 50,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = Enum.TryParse<SslMode>(value.Replace("-", ""), ignoreCase: true, out var mode)
                        ? mode
                        : throw new ConfigException($"{where}: sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full");
                    break;
                case "host":
                    builder.Host = value; // unix socket directory, as libpq allows
                    break;
                case "charset" or "client_encoding":
                    break; // PostgreSQL databases are UTF-8 here; accepted for compatibility with upstream URLs
                default:
                    throw new ConfigException($"{where}: unknown connection parameter '{key}' (supported: sslmode, host)");
            }
        }
        return new DatabaseUrl(DatabaseEngine.PostgreSql, builder.ConnectionString,
            $"postgresql {builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}");
    }
}
