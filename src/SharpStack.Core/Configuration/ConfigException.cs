namespace SharpStack.Core.Configuration;

/// <summary>A configuration problem, worded for the operator: file, section, option and the fix.</summary>
public sealed class ConfigException(string message) : Exception(message);
