namespace SharpStack.Identity.Tokens.Formats;

/// <summary>
/// Keystone's auth-method bitmask: the n-th entry of [auth] methods is bit n (1, 2, 4, ...), plus
/// two fixed high bits for pseudo methods that are not plugins. Tokens carry the sum of the bits.
/// </summary>
public sealed class AuthMethodMap
{
    /// <summary>Keystone's default [auth] methods, in order (keystone/conf/constants.py).</summary>
    public static readonly IReadOnlyList<string> KeystoneDefaultMethods =
        ["external", "password", "token", "oauth1", "mapped", "application_credential"];

    /// <summary>Method names written into tokens by non-plugin endpoints, with their fixed bits.</summary>
    public static readonly IReadOnlyList<KeyValuePair<ulong, string>> PseudoMethods =
        [new(1UL << 32, "ec2credential"), new(1UL << 33, "oauth2_credential")];

    /// <summary>The map for an unmodified Keystone configuration.</summary>
    public static readonly AuthMethodMap Default = new(KeystoneDefaultMethods);

    // Indexed by bit number; null where no method is assigned.
    private readonly string?[] _byBit = new string?[64];
    private readonly Dictionary<string, ulong> _byName = new(StringComparer.Ordinal);

    /// <param name="configuredMethods">The deployment's [auth] methods, in configuration order.</param>
    public AuthMethodMap(IEnumerable<string> configuredMethods)
    {
        ArgumentNullException.ThrowIfNull(configuredMethods);
        int bit = 0;
        foreach (string method in configuredMethods)
        {
            // Bits 32 and up belong to the pseudo methods; Keystone would silently clash there.
            if (bit >= 32)
                throw new ArgumentException("At most 32 auth methods can be configured.", nameof(configuredMethods));
            _byBit[bit] = method;
            _byName.TryAdd(method, 1UL << bit);
            bit++;
        }
        foreach (var (value, name) in PseudoMethods)
        {
            _byBit[System.Numerics.BitOperations.Log2(value)] = name;
            _byName[name] = value;
        }
        Methods = [.. configuredMethods];
    }

    /// <summary>The configured methods, in bit order.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>The bit of one method, or 0 when it is not configured.</summary>
    public ulong BitOf(string method) => _byName.GetValueOrDefault(method);

    /// <summary>Packs method names; unknown names contribute nothing, as in Keystone.</summary>
    public ulong Encode(IEnumerable<string> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ulong value = 0;
        foreach (string method in methods)
            value |= BitOf(method);
        return value;
    }

    /// <summary>
    /// Unpacks like Keystone's convert_integer_to_method_list: highest bit first, and a bit only
    /// counts when the remaining value is below twice that bit, so unknown high bits hide lower ones.
    /// </summary>
    public IReadOnlyList<string> Decode(ulong value)
    {
        if (value == 0)
            return [];
        var methods = new List<string>(2);
        ulong remaining = value;
        for (int bit = 63; bit >= 0; bit--)
        {
            if (_byBit[bit] is not { } name)
                continue;
            ulong m = 1UL << bit;
            if (remaining / m == 1)
            {
                methods.Add(name);
                remaining -= m;
            }
        }
        return methods;
    }
}
