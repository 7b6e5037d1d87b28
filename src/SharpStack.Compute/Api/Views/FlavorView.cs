using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Compute.Api.Http;
using SharpStack.Compute.Storage.Entities;
using SharpStack.Core.Microversions;
using SharpStack.Core.Validation;

namespace SharpStack.Compute.Api.Views;

/// <summary>Flavors as Nova's views.flavors renders them: description from 2.55, extra_specs from 2.61 (when the caller
/// may list them), swap as 0 instead of "" from 2.75.</summary>
public static class FlavorView
{
    public static readonly Microversion DescriptionVersion = new(2, 55);
    public static readonly Microversion ExtraSpecsVersion = new(2, 61);
    private static readonly Microversion SwapZeroVersion = new(2, 75);

    /// <summary>The brief form of the flavor list.</summary>
    public static JsonObject Basic(HttpContext context, FlavorRow f)
    {
        var o = new JsonObject { ["id"] = f.FlavorId, ["name"] = f.Name, ["links"] = Links.For(context, "flavors", f.FlavorId) };
        if (context.Microversion() >= DescriptionVersion) o["description"] = f.Description;
        return o;
    }

    /// <summary>The full form (show, detail, create, update); <paramref name="extraSpecs"/> null leaves them out.</summary>
    public static JsonObject Full(HttpContext context, FlavorRow f, IReadOnlyDictionary<string, string>? extraSpecs, bool includeDescription)
    {
        var version = context.Microversion();
        var o = new JsonObject
        {
            ["id"] = f.FlavorId,
            ["name"] = f.Name,
            ["ram"] = f.MemoryMb,
            ["disk"] = f.RootGb,
            ["swap"] = version >= SwapZeroVersion ? f.Swap : f.Swap == 0 ? "" : f.Swap,
            ["OS-FLV-EXT-DATA:ephemeral"] = f.EphemeralGb,
            ["OS-FLV-DISABLED:disabled"] = f.Disabled,
            ["vcpus"] = f.Vcpus,
            ["os-flavor-access:is_public"] = f.IsPublic,
            ["rxtx_factor"] = PythonText.FloatNode(f.RxtxFactor),
            ["links"] = Links.For(context, "flavors", f.FlavorId),
        };
        if (includeDescription) o["description"] = f.Description;
        if (extraSpecs is not null)
        {
            var specs = new JsonObject();
            foreach (var (k, v) in extraSpecs) specs[k] = v;
            o["extra_specs"] = specs;
        }
        return o;
    }
}
