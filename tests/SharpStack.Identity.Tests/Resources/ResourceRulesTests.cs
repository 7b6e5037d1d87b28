using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Tests.Resources;

public sealed class ResourceRulesTests
{
    private static ProjectRow Row(string id, string? parent, string? options = null) =>
        new() { Id = id, Name = id, DomainId = "d", ParentId = parent, Options = options };

    [Theory]
    [InlineData("off", "a/b?c", null)]
    [InlineData("new", "plain-name_1.x~", null)]
    [InlineData("new", "a/b?c#d", "Project name cannot contain the following reserved characters: /?#")]
    [InlineData("strict", "x:y@z", "Project name cannot contain the following reserved characters: :@")]
    public void Url_safe_names(string mode, string name, string? error)
    {
        var thrown = Record.Exception(() => ResourceNames.CheckUrlSafe(mode, "Project", name));
        Assert.Equal(error, (thrown as ApiException)?.Message);
    }

    [Fact]
    public void The_federated_domain_name_is_reserved_in_any_case()
    {
        Assert.Equal(400, Assert.Throws<ApiException>(() => ResourceNames.CheckNotFederated("federated", "x")).Status);
        Assert.Equal(400, Assert.Throws<ApiException>(() => ResourceNames.CheckNotFederated(null, "FEDERATED")).Status);
        ResourceNames.CheckNotFederated("Federated-not", "x");
    }

    [Fact]
    public void Immutable_option_blocks_everything_but_clearing_it()
    {
        var row = Row("p", "d", """{"immutable": true}""");
        Assert.True(ResourceOptions.IsImmutable(row));
        ResourceOptions.CheckUpdate(row, new JsonObject { ["options"] = new JsonObject { ["immutable"] = false } }, "project");
        ResourceOptions.CheckUpdate(row, new JsonObject { ["options"] = new JsonObject { ["immutable"] = null } }, "project");
        foreach (var change in new[]
        {
            new JsonObject { ["name"] = "x" },
            new JsonObject { ["options"] = new JsonObject { ["immutable"] = true } },
            new JsonObject { ["options"] = new JsonObject() },
            new JsonObject { ["options"] = new JsonObject { ["immutable"] = false }, ["name"] = "x" },
        })
        {
            var e = Assert.Throws<ApiException>(() => ResourceOptions.CheckUpdate(row, change, "project"));
            Assert.Equal(403, e.Status);
        }
        Assert.Equal(403, Assert.Throws<ApiException>(() => ResourceOptions.CheckDelete(row, "domain")).Status);
        ResourceOptions.CheckDelete(Row("q", "d"), "project");
    }

    [Fact]
    public void Options_merge_set_and_clear()
    {
        var options = ResourceOptions.Apply([], new JsonObject { ["immutable"] = true, ["unknown"] = 1 });
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["immutable"] = true }, options));
        options = ResourceOptions.Apply(options, new JsonObject { ["unknown"] = 2 });
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["immutable"] = true }, options));
        Assert.Empty(ResourceOptions.Apply(options, new JsonObject { ["immutable"] = null }));
        var e = Assert.Throws<ApiException>(() => ResourceOptions.Apply([], new JsonObject { ["immutable"] = "yes" }));
        Assert.Equal("Expected boolean value, got <class 'str'>", e.Message);
        Assert.Equal("argument of type 'int' is not iterable", Assert.Throws<ApiException>(() => ResourceOptions.Apply([], 5)).Message);
        Assert.Empty(ResourceOptions.Apply([], "xx"));
    }

    [Fact]
    public void Parents_and_subtree_as_nested_ids()
    {
        var domain = new ProjectRow { Id = "d", Name = "d", DomainId = ProjectRow.RootDomainId, IsDomain = true };
        var a = Row("a", "d");
        var b = Row("b", "a");
        var c = Row("c", "b");
        var c2 = Row("c2", "b");
        var parents = ProjectHierarchy.ParentsAsIds(c, [b, a, domain]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"b": {"a": {"d": null}}}"""), parents));
        Assert.Null(ProjectHierarchy.ParentsAsIds(domain, []));
        var subtree = ProjectHierarchy.SubtreeAsIds("a", [b, c, c2]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"b": {"c": null, "c2": null}}"""), subtree));
        Assert.Null(ProjectHierarchy.SubtreeAsIds("c", []));
    }
}
