namespace SharpStack.Core.Validation;

/// <summary>A malformed schema (a programmer error), raised when the schema is parsed, never while validating.</summary>
public sealed class JsonSchemaException(string message, Exception? inner = null) : Exception(message, inner);
