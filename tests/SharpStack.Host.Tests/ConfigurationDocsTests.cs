using SharpStack.Core.Configuration;

namespace SharpStack.Host.Tests;

/// <summary>docs/configuration.md is the output of `sharpstack config docs`: it fails here when an option changes
/// and the page was not regenerated.</summary>
public sealed class ConfigurationDocsTests
{
    [Fact]
    public void Configuration_reference_is_up_to_date()
    {
        var path = Path.Combine(RepoRoot(), "docs", "configuration.md");
        Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/SharpStack.Host -- config docs > docs/configuration.md`");
        var expected = ConfigDocs.Markdown(Services.Schema());
        var actual = File.ReadAllText(path);
        Assert.True(expected == actual,
            "docs/configuration.md is stale: regenerate it with `dotnet run --project src/SharpStack.Host -- config docs > docs/configuration.md`");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SharpStack.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (SharpStack.slnx) above " + AppContext.BaseDirectory);
    }
}
