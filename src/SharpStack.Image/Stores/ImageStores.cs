using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Image.Configuration;
using SharpStack.Image.Stores.File;
using SharpStack.Image.Stores.Http;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Images;

namespace SharpStack.Image.Stores;

/// <summary>The stores this node has, built from configuration: one store of [glance_store] default_store, or with
/// [image] enabled_backends one per name:type pair (file stores each in a folder of their name), new data going to
/// [glance_store] default_backend. Also the staging area (Glance's os_glance_staging_store) where data waits
/// between stage and import. A bad configuration is refused here, at start, with one message.</summary>
public sealed class ImageStores
{
    public const string StagingStoreId = "os_glance_staging_store";
    private static readonly string[] KnownTypes = ["file", "http"];

    private readonly Dictionary<string, IImageStore> _byId = new(StringComparer.Ordinal);

    public ImageStores(SharpStackConfig config, ServiceContext context)
    {
        var root = config.Get(ImageOptions.FilesystemStoreDatadir) ?? Path.Combine(context.DataDir, "images");
        var backends = config.Get(ImageOptions.EnabledBackends);
        var defaultBackend = config.Get(ImageOptions.DefaultBackend);
        HttpClient? client = null;
        HttpClient HttpClient() => client ??= new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        if (backends.Count == 0)
        {
            if (defaultBackend is not null)
                throw new ConfigException($"[glance_store] default_backend = {defaultBackend} is set but [image] enabled_backends is empty: " +
                    "list the stores there (e.g. enabled_backends = fast:file) or remove default_backend.");
            var type = config.Get(ImageOptions.DefaultStore);
            IImageStore store = type == "http" ? new HttpStore(type, HttpClient()) : new FileStore(type, root);
            _byId[store.Id] = store;
            Default = store;
        }
        else
        {
            foreach (var entry in backends)
            {
                var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                    throw new ConfigException($"[image] enabled_backends: '{entry}' is not a name:type pair; write e.g. enabled_backends = fast:file, web:http.");
                var (name, type) = (parts[0], parts[1]);
                if (!KnownTypes.Contains(type))
                    throw new ConfigException($"[image] enabled_backends: store '{name}' has unknown type '{type}'; the known store types are {string.Join(", ", KnownTypes)}.");
                if (name.StartsWith("os_glance_", StringComparison.Ordinal))
                    throw new ConfigException($"[image] enabled_backends: store name '{name}' is reserved (names starting os_glance_ are Glance's own); choose another name.");
                if (_byId.ContainsKey(name))
                    throw new ConfigException($"[image] enabled_backends: store '{name}' is listed twice; give each store its own name.");
                _byId[name] = type == "http" ? new HttpStore(name, HttpClient()) : new FileStore(name, Path.Combine(root, name));
            }
            var chosen = defaultBackend ?? _byId.Keys.First();
            if (!_byId.TryGetValue(chosen, out var def))
                throw new ConfigException($"[glance_store] default_backend = {chosen} is not one of [image] enabled_backends ({string.Join(", ", _byId.Keys)}); " +
                    "set it to one of those names.");
            Default = def;
            MultiStore = true;
        }
        Staging = new FileStore(StagingStoreId, config.Get(ImageOptions.StagingDir) ?? Path.Combine(context.DataDir, "image-staging"));
    }

    /// <summary>Whether [image] enabled_backends is set (store ids appear in locations, /v2/info/stores answers).</summary>
    public bool MultiStore { get; }

    /// <summary>Where new image data goes unless the request names a store.</summary>
    public IImageStore Default { get; }

    /// <summary>Every configured store, in configuration order.</summary>
    public IReadOnlyCollection<IImageStore> All => _byId.Values;

    /// <summary>Where staged data (glance-direct, and downloads of web-download / copy-image) waits for import.</summary>
    public FileStore Staging { get; }

    public IImageStore? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The store holding a location: the one its metadata names, else the one whose URLs match.</summary>
    public IImageStore? ForLocation(ImageLocationRow location) =>
        ImageView.StoreOf(location) is { } id && Find(id) is { } named ? named : All.FirstOrDefault(s => s.Owns(location.Url));

    /// <summary>The location metadata recorded for data added to <paramref name="store"/>.</summary>
    public string MetadataFor(IImageStore store) =>
        MultiStore ? new System.Text.Json.Nodes.JsonObject { ["store"] = store.Id }.ToJsonString() : "{}";

    /// <summary>Creates the folders of file stores (so permissions problems show at start).</summary>
    public void EnsureDirectories()
    {
        foreach (var store in All.OfType<FileStore>()) store.EnsureDirectory();
        Staging.EnsureDirectory();
    }
}
