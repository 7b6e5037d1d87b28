using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Core.Logging;
using SharpStack.Image.Stores;

namespace SharpStack.Image.Tests.Import;

/// <summary>Store configuration is checked at start, with one message naming the option and the fix.</summary>
public sealed class StoreConfigurationTests
{
    private static ImageStores Build(Dictionary<string, string> env)
    {
        var module = new ImageModule();
        var config = ConfigLoader.Load(new ConfigSchema(CoreOptions.Groups.Concat(module.OptionGroups)), null, env);
        var dir = Path.Combine(Path.GetTempPath(), "sharpstack-stores-" + Guid.NewGuid().ToString("N"));
        return new ImageStores(config, new ServiceContext(config, dir, new LogSink(null)));
    }

    [Theory]
    [InlineData("fast:file,slow:ceph", null, "store 'slow' has unknown type 'ceph'")]
    [InlineData("fast", null, "'fast' is not a name:type pair")]
    [InlineData("fast:file,fast:file", null, "store 'fast' is listed twice")]
    [InlineData("fast:file,cheap:file", "slow", "[glance_store] default_backend = slow is not one of [image] enabled_backends (fast, cheap)")]
    [InlineData("", "fast", "[glance_store] default_backend = fast is set but [image] enabled_backends is empty")]
    public void Bad_store_configurations_are_refused(string backends, string? defaultBackend, string message)
    {
        var env = new Dictionary<string, string> { ["SHARPSTACK_IMAGE__ENABLED_BACKENDS"] = backends };
        if (defaultBackend is not null) env["SHARPSTACK_GLANCE_STORE__DEFAULT_BACKEND"] = defaultBackend;
        var e = Assert.Throws<ConfigException>(() => Build(env));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Multi_store_file_stores_live_in_folders_named_after_them()
    {
        var stores = Build(new Dictionary<string, string> { ["SHARPSTACK_IMAGE__ENABLED_BACKENDS"] = "fast:file,web:http", ["SHARPSTACK_GLANCE_STORE__DEFAULT_BACKEND"] = "fast" });
        Assert.True(stores.MultiStore);
        Assert.Equal("fast", stores.Default.Id);
        Assert.EndsWith(Path.Combine("images", "fast"), ((Stores.File.FileStore)stores.Default).Directory);
        Assert.True(stores.Find("web")!.IsReadOnly);
    }
}
