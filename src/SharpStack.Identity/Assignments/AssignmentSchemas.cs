using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Assignments;

/// <summary>Request schemas of roles (Keystone's assignment/schema.py, with the role options registry).</summary>
public static class AssignmentSchemas
{
    private const string RoleProperties = """
        "name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"},
        "description": {"type": "string"},
        "options": {
            "type": "object",
            "properties": {"immutable": {"type": ["boolean", "null"], "enum": [true, false, null]}},
            "additionalProperties": false
        }
        """;

    public static readonly JsonSchema RoleCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{RoleProperties}} }, "required": ["name"], "additionalProperties": true}
        """);

    public static readonly JsonSchema RoleUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{RoleProperties}} }, "minProperties": 1, "additionalProperties": true}
        """);
}
