using SharpStack.Core.Configuration;

namespace SharpStack.Image.Configuration;

/// <summary>The image service's options. Glance's own [DEFAULT] options live in [image] here (one file serves every
/// service); [image_format], [glance_store] and [import_filtering_opts] keep Glance's section and option names.</summary>
public static class ImageOptions
{
    public static readonly OptionGroup Image = new("image", "The image service (Glance's [DEFAULT] options).");

    public static readonly Option<int> BindPort = Image.Port("bind_port", 9292, "The port the Image API listens on.");

    public static readonly Option<Uri?> PublicEndpoint = Image.Url("public_endpoint", null,
        "The base URL clients use to reach Image (e.g. http://controller:9292); defaults to http://$my_ip:<bind_port>.");

    public static readonly Option<long> ImageSizeCap = Image.Long("image_size_cap", 1099511627776,
        "The largest image accepted, in bytes (default 1 TiB); larger uploads get 413.", min: 0);

    public static readonly Option<string> UserStorageQuota = Image.String("user_storage_quota", "0",
        "The total size of image data one project may store: bytes, or with a unit (10GB, 500MB, 1TB); 0 means unlimited.");

    public static readonly Option<int> ImageMemberQuota = Image.Integer("image_member_quota", 128,
        "The most members one image may have (-1: unlimited).", min: -1);

    public static readonly Option<int> ImagePropertyQuota = Image.Integer("image_property_quota", 128,
        "The most additional properties one image may have (-1: unlimited).", min: -1);

    public static readonly Option<int> ImageTagQuota = Image.Integer("image_tag_quota", 128,
        "The most tags one image may have (-1: unlimited).", min: -1);

    public static readonly Option<int> ImageLocationQuota = Image.Integer("image_location_quota", 10,
        "The most locations one image may have (-1: unlimited).", min: -1);

    public static readonly Option<int> LimitParamDefault = Image.Integer("limit_param_default", 25,
        "How many items a list returns when the request gives no limit.", min: 1);

    public static readonly Option<int> ApiLimitMax = Image.Integer("api_limit_max", 1000,
        "The most items a list returns, whatever limit the request asks for.", min: 1);

    public static readonly Option<bool> ShowImageDirectUrl = Image.Boolean("show_image_direct_url", false,
        "Show the image's first location as direct_url (reveals storage paths to users).");

    public static readonly Option<bool> ShowMultipleLocations = Image.Boolean("show_multiple_locations", false,
        "Show and allow editing of all locations (reveals storage paths to users).");

    public static readonly Option<IReadOnlyList<string>> EnabledImportMethods = Image.List("enabled_import_methods",
        ["glance-direct", "web-download", "copy-image"], "The interoperable import methods offered (glance-direct, web-download, copy-image).");

    public static readonly Option<string> HashingAlgorithm = Image.Choice("hashing_algorithm", "sha512",
        ["sha256", "sha384", "sha512"], "The secure hash computed for os_hash_value while image data is stored.");

    public static readonly Option<bool> UseKeystoneLimits = Image.Boolean("use_keystone_limits", false,
        "Enforce per-project quotas from Identity's unified limits (image_size_total, image_stage_total, image_count_total, image_count_uploading).");

    public static readonly Option<IReadOnlyList<string>> EnabledBackends = Image.List("enabled_backends", [],
        "Several stores at once (multi-store), as name:type pairs, e.g. fast:file, web:http. Each file store keeps its data in a folder of its name under [glance_store] filesystem_store_datadir. Empty: one store of type [glance_store] default_store.");

    public static readonly OptionGroup ImageFormat = new("image_format", "Accepted disk and container formats.");

    public static readonly Option<IReadOnlyList<string>> DiskFormats = ImageFormat.List("disk_formats",
        ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"], "The disk formats images may declare.");

    public static readonly Option<IReadOnlyList<string>> ContainerFormats = ImageFormat.List("container_formats",
        ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"], "The container formats images may declare.");

    public static readonly OptionGroup GlanceStore = new("glance_store", "Where image data is stored.");

    public static readonly Option<string> DefaultStore = GlanceStore.Choice("default_store", "file", ["file", "http"],
        "The store type used when [image] enabled_backends is empty.");

    public static readonly Option<string?> DefaultBackend = GlanceStore.OptionalString("default_backend",
        "With [image] enabled_backends: the store new image data goes to (default: the first listed).");

    public static readonly Option<string?> FilesystemStoreDatadir = GlanceStore.Path("filesystem_store_datadir", null,
        "The folder of the file store. Unset: images/ in the data directory.");

    public static readonly Option<string?> StagingDir = GlanceStore.Path("staging_dir", null,
        "The folder where image data waits between stage and import (Glance's os_glance_staging_store). Unset: image-staging/ in the data directory.");

    public static readonly OptionGroup ImportFiltering = new("import_filtering_opts", "Which URLs the web-download import method may fetch.");

    public static readonly Option<IReadOnlyList<string>> AllowedSchemes = ImportFiltering.List("allowed_schemes", ["http", "https"],
        "URL schemes web-download may use; when set, disallowed_schemes is ignored.");

    public static readonly Option<IReadOnlyList<string>> DisallowedSchemes = ImportFiltering.List("disallowed_schemes", [],
        "URL schemes web-download may not use (only when allowed_schemes is empty).");

    public static readonly Option<IReadOnlyList<string>> AllowedHosts = ImportFiltering.List("allowed_hosts", [],
        "Hosts web-download may fetch from; when set, disallowed_hosts is ignored.");

    public static readonly Option<IReadOnlyList<string>> DisallowedHosts = ImportFiltering.List("disallowed_hosts", [],
        "Hosts web-download may not fetch from (only when allowed_hosts is empty).");

    public static readonly Option<IReadOnlyList<string>> AllowedPorts = ImportFiltering.List("allowed_ports", ["80", "443"],
        "Ports web-download may fetch from; when set, disallowed_ports is ignored.");

    public static readonly Option<IReadOnlyList<string>> DisallowedPorts = ImportFiltering.List("disallowed_ports", [],
        "Ports web-download may not fetch from (only when allowed_ports is empty).");

    public static readonly OptionGroup Database = new("image_database", "The image service's database (Glance's [database]).");

    public static readonly Option<string?> Connection = Database.OptionalString("connection",
        "The database URL: sqlite:////path/image.db or postgresql://user:password@host/dbname. Unset: SQLite in the data directory.", secret: true);

    public static readonly Option<int> MaxRetries = Database.Integer("max_retries", 10,
        "How often to retry connecting at start before giving up (-1: forever).", min: -1);

    public static readonly Option<int> RetryInterval = Database.Integer("retry_interval", 2,
        "Seconds between connection attempts at start.", min: 0);

    public static IEnumerable<OptionGroup> Groups => [Image, ImageFormat, GlanceStore, ImportFiltering, Database];
}
