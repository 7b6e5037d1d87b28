using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SharpStack.Core.Storage;

/// <summary>Plain SQL on a context's own connection and current transaction, for the few hot write paths where EF's
/// per-statement cost (expression funcletizing, change tracking) is most of the work. The SQL must be valid on both
/// SQLite and PostgreSQL (named <c>@parameters</c>, snake_case tables, RETURNING); everything else goes through EF.
/// Commands are kept by text until disposal: SQLite then compiles a statement once however often it runs here (a
/// group commit runs many claims on one instance), where compiling is most of a small statement's cost.</summary>
public sealed class DirectSql : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    private DirectSql(DbContext db) => _db = db;

    /// <summary>Opens (or joins) the context's connection until disposed.</summary>
    public static async Task<DirectSql> OpenAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new DirectSql(db);
    }

    /// <summary>Runs a statement; the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var command = Create(sql, args);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a query, mapping each row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var command = Create(sql, args);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    /// <summary>"@p0, @p1, …" for an IN list, adding the values to <paramref name="args"/> under that prefix.</summary>
    public static string InList<T>(string prefix, IEnumerable<T> values, List<(string, object?)> args)
    {
        var text = new StringBuilder();
        var i = 0;
        foreach (var v in values)
        {
            if (i > 0) text.Append(", ");
            var name = prefix + i++;
            text.Append('@').Append(name);
            args.Add((name, v));
        }
        return i == 0 ? "NULL" : text.ToString();
    }

    private DbCommand Create(string sql, (string Name, object? Value)[] args)
    {
        if (_commands.TryGetValue(sql, out var command)) command.Parameters.Clear();
        else
        {
            command = _db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        // SQLite insists that a command on a connection in a transaction names that transaction.
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in args)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values) await command.DisposeAsync();
        _commands.Clear();
        await _db.Database.CloseConnectionAsync();
    }
}
