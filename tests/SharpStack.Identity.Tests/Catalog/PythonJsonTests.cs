using System.Text.Json.Nodes;
using SharpStack.Identity.Common;

namespace SharpStack.Identity.Tests.Catalog;

/// <summary>Expected texts recorded from python3's json.dumps.</summary>
public sealed class PythonJsonTests
{
    [Fact]
    public void Dumps_uses_python_separators_and_ascii_escapes()
    {
        var node = JsonNode.Parse("""{"access": "a", "n": [1, 2.5, true, null], "note": "café ☃ \"q\"\n"}""");
        Assert.Equal("{\"access\": \"a\", \"n\": [1, 2.5, true, null], \"note\": \"caf\\u00e9 \\u2603 \\\"q\\\"\\n\"}", PythonJson.Dumps(node));
    }

    [Fact]
    public void DumpsString_quotes_like_json_dumps_of_a_str() =>
        Assert.Equal("\"{\\\"access\\\": \\\"x\\\"}\"", PythonJson.DumpsString("{\"access\": \"x\"}"));
}
