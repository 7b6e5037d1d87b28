using SharpStack.Core.Errors;
using SharpStack.Core.Validation;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Federation;

/// <summary>Keystone's MAPPING_SCHEMA (federation/utils.py) and its validate_mapping_structure: every error
/// message, sorted by the full error text, one per line, as one 400.</summary>
public static class MappingSchema
{
    private static readonly JsonSchema Schema = JsonSchema.Parse("""
        {
          "type": "object",
          "required": ["rules"],
          "properties": {
            "rules": {
              "minItems": 1,
              "type": "array",
              "items": {
                "type": "object",
                "required": ["local", "remote"],
                "additionalProperties": false,
                "properties": {
                  "local": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "additionalProperties": false,
                      "properties": {
                        "user": {
                          "type": "object",
                          "properties": {
                            "id": {"type": "string"},
                            "name": {"type": "string"},
                            "email": {"type": "string"},
                            "domain": {"$ref": "#/definitions/domain"},
                            "type": {"type": "string", "enum": ["ephemeral", "local"]}
                          },
                          "additionalProperties": false
                        },
                        "projects": {
                          "type": "array",
                          "items": {
                            "type": "object",
                            "required": ["name", "roles"],
                            "additionalProperties": false,
                            "properties": {
                              "name": {"type": "string"},
                              "roles": {
                                "type": "array",
                                "items": {
                                  "type": "object",
                                  "required": ["name"],
                                  "properties": {"name": {"type": "string"}, "additionalProperties": false}
                                }
                              }
                            }
                          }
                        },
                        "group": {
                          "type": "object",
                          "oneOf": [{"$ref": "#/definitions/group_by_id"}, {"$ref": "#/definitions/group_by_name"}]
                        },
                        "groups": {"type": "string"},
                        "group_ids": {"type": "string"},
                        "domain": {"$ref": "#/definitions/domain"}
                      }
                    }
                  },
                  "remote": {
                    "minItems": 1,
                    "type": "array",
                    "items": {
                      "type": "object",
                      "oneOf": [
                        {"$ref": "#/definitions/empty"},
                        {"$ref": "#/definitions/any_one_of"},
                        {"$ref": "#/definitions/not_any_of"},
                        {"$ref": "#/definitions/blacklist"},
                        {"$ref": "#/definitions/whitelist"}
                      ]
                    }
                  }
                }
              }
            }
          },
          "definitions": {
            "empty": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"}}, "additionalProperties": false},
            "any_one_of": {
              "type": "object", "additionalProperties": false, "required": ["type", "any_one_of"],
              "properties": {"type": {"type": "string"}, "any_one_of": {"type": "array"}, "regex": {"type": "boolean"}}
            },
            "not_any_of": {
              "type": "object", "additionalProperties": false, "required": ["type", "not_any_of"],
              "properties": {"type": {"type": "string"}, "not_any_of": {"type": "array"}, "regex": {"type": "boolean"}}
            },
            "blacklist": {
              "type": "object", "additionalProperties": false, "required": ["type", "blacklist"],
              "properties": {"type": {"type": "string"}, "blacklist": {"type": "array"}, "regex": {"type": "boolean"}}
            },
            "whitelist": {
              "type": "object", "additionalProperties": false, "required": ["type", "whitelist"],
              "properties": {"type": {"type": "string"}, "whitelist": {"type": "array"}, "regex": {"type": "boolean"}}
            },
            "domain": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}, "additionalProperties": false},
            "group_by_id": {"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": false, "required": ["id"]},
            "group_by_name": {
              "type": "object",
              "properties": {"name": {"type": "string"}, "domain": {"$ref": "#/definitions/domain"}},
              "additionalProperties": false,
              "required": ["name", "domain"]
            }
          }
        }
        """, new JsonSchemaOptions { Draft = SchemaDraft.Draft4, Formats = null });

    /// <summary>Throws Keystone's 400 listing every problem of the mapping.</summary>
    public static void Check(JsonNode? mapping)
    {
        var errors = Schema.AllErrors(mapping);
        if (errors.Count == 0) return;
        var messages = string.Concat(errors.OrderBy(e => e.VerboseMessage, StringComparer.Ordinal).Select(e => e.Message + "\n"));
        throw ApiException.BadRequest(messages);
    }
}
