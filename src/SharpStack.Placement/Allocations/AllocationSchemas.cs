using SharpStack.Core.Validation;

namespace SharpStack.Placement.Allocations;

/// <summary>The allocation body schemas of placement/schemas/allocation.py, one per microversion range (keys in
/// upstream's order, which decides which error is reported first).</summary>
public static class AllocationSchemas
{
    private const string Uuid = "^[0-9a-fA-F-]{36}$";
    private const string Rc = "^[A-Z0-9_]+$";

    private const string ListAllocations = """
        "allocations": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {
            "resource_provider": {"type": "object", "properties": {"uuid": {"type": "string", "format": "uuid"}},
                                  "additionalProperties": false, "required": ["uuid"]},
            "resources": {"type": "object", "minProperties": 1,
                          "patternProperties": {"^[A-Z0-9_]+$": {"type": "integer", "minimum": 1}},
                          "additionalProperties": false}},
            "required": ["resource_provider", "resources"], "additionalProperties": false}}
        """;

    private const string ProjectUser = """
        "project_id": {"type": "string", "minLength": 1, "maxLength": 255},
        "user_id": {"type": "string", "minLength": 1, "maxLength": 255}
        """;

    /// <summary>The dict-format allocations (1.12+); <paramref name="minProperties"/> is 0 where "{}" wipes.</summary>
    private static string DictAllocations(int minProperties) => $$$"""
        "allocations": {"type": "object", "minProperties": {{{minProperties}}}, "patternProperties": {"{{{Uuid}}}": {
            "type": "object", "properties": {
                "generation": {"type": "integer"},
                "resources": {"type": "object", "minProperties": 1,
                              "patternProperties": {"{{{Rc}}}": {"type": "integer", "minimum": 1}},
                              "additionalProperties": false}},
            "required": ["resources"], "additionalProperties": false}},
            "additionalProperties": false}
        """;

    private const string ConsumerGeneration = """
        "consumer_generation": {"type": ["integer", "null"], "additionalProperties": false}
        """;

    private const string Mappings = """
        "mappings": {"type": "object", "minProperties": 1, "patternProperties": {
            "[a-zA-Z0-9_-]{1,64}": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "uuid"}}}}
        """;

    private const string ConsumerType = """
        "consumer_type": {"type": "string", "pattern": "^[A-Z0-9_]+$", "minLength": 1, "maxLength": 255}
        """;

    /// <summary>One consumer's dict-format body at a microversion (1.12+): the PUT body, and the value of each
    /// consumer key of POST /allocations and of the reshaper's allocations.</summary>
    public static string ConsumerBody(int minor, bool put)
    {
        var props = new List<string> { DictAllocations(minor >= 28 || !put ? 0 : 1), ProjectUser };
        var required = new List<string> { "\"allocations\"", "\"project_id\"", "\"user_id\"" };
        if (minor >= 28)
        {
            props.Add(ConsumerGeneration);
            required.Add("\"consumer_generation\"");
        }
        if (minor >= 34) props.Add(Mappings);
        if (minor >= 38)
        {
            props.Add(ConsumerType);
            required.Add("\"consumer_type\"");
        }
        return $$$"""
            {"type": "object", "properties": { {{{string.Join(",", props)}}} },
             "additionalProperties": false, "required": [{{{string.Join(", ", required)}}}]}
            """;
    }

    private static readonly JsonSchema Put10 = Parse($$$"""
        {"type": "object", "properties": { {{{ListAllocations}}} }, "required": ["allocations"], "additionalProperties": false}
        """);

    private static readonly JsonSchema Put18 = Parse($$$"""
        {"type": "object", "properties": { {{{ListAllocations}}}, {{{ProjectUser}}} },
         "required": ["allocations", "project_id", "user_id"], "additionalProperties": false}
        """);

    private static readonly JsonSchema Put112 = Parse(ConsumerBody(12, put: true));
    private static readonly JsonSchema Put128 = Parse(ConsumerBody(28, put: true));
    private static readonly JsonSchema Put134 = Parse(ConsumerBody(34, put: true));
    private static readonly JsonSchema Put138 = Parse(ConsumerBody(38, put: true));

    private static readonly JsonSchema Post113 = Parse(ConsumersBody(13, 1));
    private static readonly JsonSchema Post128 = Parse(ConsumersBody(28, 1));
    private static readonly JsonSchema Post134 = Parse(ConsumersBody(34, 1));
    private static readonly JsonSchema Post138 = Parse(ConsumersBody(38, 1));

    /// <summary>An object of consumers keyed by uuid (POST /allocations; the reshaper's "allocations" with 0).</summary>
    public static string ConsumersBody(int minor, int minProperties) => $$$"""
        {"type": "object", "minProperties": {{{minProperties}}}, "additionalProperties": false,
         "patternProperties": {"{{{Uuid}}}": {{{ConsumerBody(minor, put: false)}}} }}
        """;

    /// <summary>PUT /allocations/{consumer_uuid}'s schema at the request's minor version.</summary>
    public static JsonSchema ForPut(int minor) => minor switch
    {
        < 8 => Put10,
        < 12 => Put18,
        < 28 => Put112,
        < 34 => Put128,
        < 38 => Put134,
        _ => Put138,
    };

    /// <summary>POST /allocations's schema at the request's minor version (1.13+).</summary>
    public static JsonSchema ForPost(int minor) => minor switch
    {
        < 28 => Post113,
        < 34 => Post128,
        < 38 => Post134,
        _ => Post138,
    };

    private static JsonSchema Parse(string text) => JsonSchema.Parse(text, JsonSchemaOptions.Placement);
}
