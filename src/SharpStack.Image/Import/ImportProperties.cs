using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Import;

/// <summary>The os_glance_* properties an import keeps on its image (visible to clients, writable only here).</summary>
public static class ImportProperties
{
    /// <summary>The id of the task holding the image's import lock.</summary>
    public const string ImportTask = "os_glance_import_task";

    /// <summary>Comma-separated stores an import is still copying data to.</summary>
    public const string ImportingToStores = "os_glance_importing_to_stores";

    /// <summary>Comma-separated stores an import failed to copy data to.</summary>
    public const string FailedImport = "os_glance_failed_import";

    public static string? Get(ImageRow image, string name) => image.Properties.FirstOrDefault(p => p.Name == name)?.Value;

    /// <summary>Sets a property on a tracked image.</summary>
    public static void Set(ImageDb db, ImageRow image, string name, string value)
    {
        var row = image.Properties.FirstOrDefault(p => p.Name == name);
        if (row is null) image.Properties.Add(new ImagePropertyRow { ImageId = image.Id, Name = name, Value = value });
        else row.Value = value;
    }

    /// <summary>Removes a property from a tracked image.</summary>
    public static void Remove(ImageDb db, ImageRow image, string name)
    {
        var row = image.Properties.FirstOrDefault(p => p.Name == name);
        if (row is null) return;
        image.Properties.Remove(row);
        db.Properties.Remove(row);
    }

    public static List<string> List(ImageRow image, string name) =>
        [.. (Get(image, name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Adds or removes store ids in a comma-separated property (kept even when empty, as upstream).</summary>
    public static void Edit(ImageDb db, ImageRow image, string name, IEnumerable<string>? add = null, IEnumerable<string>? remove = null)
    {
        var values = List(image, name);
        if (remove is not null) values.RemoveAll(v => remove.Contains(v));
        if (add is not null)
            foreach (var v in add)
                if (!values.Contains(v)) values.Add(v);
        Set(db, image, name, string.Join(",", values));
    }
}
