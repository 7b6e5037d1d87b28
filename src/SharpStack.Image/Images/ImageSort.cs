using System.Linq.Expressions;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Images;

/// <summary>Expression builders for image lists: columns by their API names, comparisons whose values EF sends as
/// parameters (so each query shape is compiled once), ordering, and Glance's keyset condition for "after the
/// marker" (NULL sort values count as '' or 0, as its _paginate_query does; ordering uses the same values so
/// pages agree on every database).</summary>
internal static class ImageSort
{
    private static readonly ParameterExpression Row = Expression.Parameter(typeof(ImageRow), "i");
    private static readonly System.Reflection.MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <summary>Holds a value so the expression reads a field of it, which EF turns into a query parameter.</summary>
    private sealed class Box<T>(T value)
    {
        public readonly T Value = value;
    }

    private static Expression Param<T>(T value) => Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private static MemberExpression Column(string column) => Expression.Property(Row, column switch
    {
        "name" => nameof(ImageRow.Name),
        "id" => nameof(ImageRow.Id),
        "status" => nameof(ImageRow.Status),
        "container_format" => nameof(ImageRow.ContainerFormat),
        "disk_format" => nameof(ImageRow.DiskFormat),
        "owner" => nameof(ImageRow.Owner),
        "checksum" => nameof(ImageRow.Checksum),
        "os_hash_algo" => nameof(ImageRow.OsHashAlgo),
        "os_hash_value" => nameof(ImageRow.OsHashValue),
        "size" => nameof(ImageRow.Size),
        "virtual_size" => nameof(ImageRow.VirtualSize),
        "min_disk" => nameof(ImageRow.MinDisk),
        "min_ram" => nameof(ImageRow.MinRam),
        "created_at" => nameof(ImageRow.CreatedAt),
        "updated_at" => nameof(ImageRow.UpdatedAt),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not an image column"),
    });

    private static Expression<Func<ImageRow, bool>> Lambda(Expression body) => Expression.Lambda<Func<ImageRow, bool>>(body, Row);

    public static Expression<Func<ImageRow, bool>> Equal<T>(string column, T value) => Lambda(Expression.Equal(Column(column), Param(value)));

    public static Expression<Func<ImageRow, bool>> In(string column, List<string> values) =>
        Lambda(Expression.Call(Param(values), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, Column(column)));

    public static Expression<Func<ImageRow, bool>> CompareNumber(string column, string op, long value)
    {
        var left = Expression.Convert(Column(column), typeof(long?));
        var right = Param<long?>(value);
        return Lambda(op switch
        {
            ">=" => Expression.GreaterThanOrEqual(left, right),
            "<=" => Expression.LessThanOrEqual(left, right),
            _ => Expression.Equal(left, right),
        });
    }

    public static Expression<Func<ImageRow, bool>> CompareTime(string column, string op, DateTime value) =>
        Lambda(Compare(Column(column), Param(value), op));

    private static Expression Compare(Expression left, Expression right, string op) => op switch
    {
        "gt" => Expression.GreaterThan(left, right),
        "gte" => Expression.GreaterThanOrEqual(left, right),
        "lt" => Expression.LessThan(left, right),
        "lte" => Expression.LessThanOrEqual(left, right),
        "neq" => Expression.NotEqual(left, right),
        _ => Expression.Equal(left, right),
    };

    /// <summary>A sort key's value with NULL as '' (text) or 0 (size).</summary>
    private static Expression SortValue(string key) => key switch
    {
        "name" or "container_format" or "disk_format" => Expression.Coalesce(Column(key), Expression.Constant("")),
        "size" => Expression.Coalesce(Column(key), Expression.Constant(0L)),
        _ => Column(key),
    };

    private static object MarkerValue(string key, ImageRow m) => key switch
    {
        "name" => m.Name ?? "",
        "container_format" => m.ContainerFormat ?? "",
        "disk_format" => m.DiskFormat ?? "",
        "size" => m.Size ?? 0L,
        "status" => m.Status,
        "id" => m.Id,
        "created_at" => m.CreatedAt,
        _ => m.UpdatedAt,
    };

    public static IQueryable<ImageRow> Apply(IQueryable<ImageRow> images, IReadOnlyList<(string Key, bool Descending)> sort)
    {
        var expression = images.Expression;
        for (var i = 0; i < sort.Count; i++)
        {
            var key = SortValue(sort[i].Key);
            var method = (i == 0 ? "OrderBy" : "ThenBy") + (sort[i].Descending ? "Descending" : "");
            expression = Expression.Call(typeof(Queryable), method, [typeof(ImageRow), key.Type], expression, Expression.Quote(Expression.Lambda(key, Row)));
        }
        return images.Provider.CreateQuery<ImageRow>(expression);
    }

    /// <summary>(k1 past m1) or (k1 = m1 and k2 past m2) or …, "past" meaning after in each key's direction.</summary>
    public static Expression<Func<ImageRow, bool>> After(IReadOnlyList<(string Key, bool Descending)> sort, ImageRow marker)
    {
        Expression? any = null;
        for (var i = 0; i < sort.Count; i++)
        {
            Expression? all = null;
            for (var j = 0; j <= i; j++)
            {
                var column = SortValue(sort[j].Key);
                var value = MarkerParam(MarkerValue(sort[j].Key, marker));
                var op = j < i ? "eq" : sort[j].Descending ? "lt" : "gt";
                var test = column.Type == typeof(string)
                    ? Compare(Expression.Call(StringCompare, column, value), Expression.Constant(0), op)
                    : Compare(column, value, op);
                all = all is null ? test : Expression.AndAlso(all, test);
            }
            any = any is null ? all : Expression.OrElse(any, all!);
        }
        return Lambda(any ?? Expression.Constant(true));
    }

    private static Expression MarkerParam(object value) => value switch
    {
        string s => Param(s),
        long l => Param(l),
        DateTime t => Param(t),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
