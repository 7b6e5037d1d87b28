namespace SharpStack.Core.Validation;

/// <summary>Which python-jsonschema validator class a schema runs under.</summary>
public enum SchemaDraft
{
    /// <summary>Draft4Validator: what keystone and nova construct explicitly.</summary>
    Draft4,

    /// <summary>Draft202012Validator: what jsonschema.validate() picks for a schema without "$schema" (placement).</summary>
    Draft202012,
}

/// <summary>Which error is reported when an instance has several.</summary>
public enum ErrorSelection
{
    /// <summary>The first error iter_errors yields, as <c>Validator.validate()</c> raises it (keystone, nova).</summary>
    First,

    /// <summary><c>best_match(iter_errors)</c>, as the module-level <c>jsonschema.validate()</c> raises it (placement).</summary>
    BestMatch,
}

/// <summary>How a schema is compiled and which error <see cref="JsonSchema.Validate(System.Text.Json.Nodes.JsonNode?)"/> reports.</summary>
public sealed record JsonSchemaOptions
{
    public SchemaDraft Draft { get; init; } = SchemaDraft.Draft4;

    public ErrorSelection ErrorSelection { get; init; } = ErrorSelection.First;

    /// <summary>The "format" checker; null disables format checks (python's default when no format_checker is passed).</summary>
    public FormatChecker? Formats { get; init; } = FormatChecker.Default;

    /// <summary>
    /// Ignore keywords this draft does not define, as python does, instead of rejecting the schema. Off by default so
    /// typos ("requried") fail loudly; turn it on to mirror an upstream schema verbatim, e.g. keystone's user_create
    /// carries a stray top-level "options" that python ignores but prints in str(error).
    /// </summary>
    public bool IgnoreUnknownKeywords { get; init; }

    /// <summary>nova's _SchemaValidator: minimum/maximum also check strings, booleans and floats through python's
    /// int() (else float()), and skip what neither converts; messages show the converted value.</summary>
    public bool NumericBounds { get; init; }

    /// <summary>keystone's SchemaValidator: Draft4Validator, FormatChecker(), first error.</summary>
    public static JsonSchemaOptions Keystone { get; } = new();

    /// <summary>nova's _SchemaValidator: Draft4Validator, FormatChecker() with nova's formats (added by the caller with
    /// <see cref="FormatChecker.With"/>), numeric bounds on strings, first error.</summary>
    public static JsonSchemaOptions Nova { get; } = new() { NumericBounds = true };

    /// <summary>placement's util.extract_json: jsonschema.validate (2020-12, best_match) with FormatChecker() and uuidutils' uuid check.</summary>
    public static JsonSchemaOptions Placement { get; } = new()
    {
        Draft = SchemaDraft.Draft202012,
        ErrorSelection = ErrorSelection.BestMatch,
        Formats = FormatChecker.Default.With("uuid", FormatChecker.IsUuidLike),
    };
}
