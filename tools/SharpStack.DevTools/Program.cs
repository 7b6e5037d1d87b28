using Microsoft.EntityFrameworkCore;
using SharpStack.DevTools;
using SharpStack.Identity.Storage;

// Usage: dotnet run --project tools/SharpStack.DevTools -- migration identity <ClassName> <yyyyMMddHHmmss_Name> [table,table…]
if (args.Length < 4 || args[0] != "migration")
{
    Console.Error.WriteLine("usage: migration <service> <ClassName> <MigrationId> [tables]");
    return 2;
}
DbContext db = args[1] switch
{
    "identity" => new IdentityDb(new DbContextOptionsBuilder<IdentityDb>().UseSqlite("Data Source=:memory:").Options),
    "image" => new SharpStack.Image.Storage.ImageDb(new DbContextOptionsBuilder<SharpStack.Image.Storage.ImageDb>().UseSqlite("Data Source=:memory:").Options),
    "placement" => new SharpStack.Placement.Storage.PlacementDb(new DbContextOptionsBuilder<SharpStack.Placement.Storage.PlacementDb>().UseSqlite("Data Source=:memory:").Options),
    "compute_api" => new SharpStack.Compute.Storage.ComputeApiDb(new DbContextOptionsBuilder<SharpStack.Compute.Storage.ComputeApiDb>().UseSqlite("Data Source=:memory:").Options),
    _ => throw new ArgumentException($"unknown service {args[1]}"),
};
var tables = args.Length > 4 ? args[4].Split(',').ToHashSet() : null;
var ns = db.GetType().Namespace + ".Migrations";
Console.Write(MigrationCode.Generate(db, ns, args[2], args[3], tables));
return 0;
