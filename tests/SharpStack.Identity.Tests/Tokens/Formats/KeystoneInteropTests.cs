using SharpStack.Identity.Fernet;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tests.Tokens.Formats;

/// <summary>
/// Tokens issued over the API by the reference Keystone (captured by
/// tests/interop/capture_reference_tokens.py together with its key repository and the fields
/// Keystone itself reported for each token). They have long expired: expiry is judged separately.
/// </summary>
public class KeystoneInteropTests
{
    private static readonly TokenFormatter Formatter =
        new(new FernetKeyRepository(TestFiles.PathOf("keystone-fernet-keys")));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var t in TestFiles.Json("keystone-reference-tokens.json").GetProperty("tokens").EnumerateArray())
            data.Add(t.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void Covers_the_required_scopes()
    {
        var names = TestFiles.Json("keystone-reference-tokens.json").GetProperty("tokens").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).ToHashSet();
        Assert.Superset(new HashSet<string> { "project", "unscoped", "domain", "system", "application-credential" }, names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Validates_tokens_issued_by_the_reference_keystone(string name)
    {
        var e = TestFiles.Json("keystone-reference-tokens.json").GetProperty("tokens").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == name);
        string token = e.GetProperty("token").GetString()!;
        var issuedAt = TokenVectors.ParseTime(TokenVectors.Str(e, "issued_at")!);
        var expiresAt = TokenVectors.ParseTime(TokenVectors.Str(e, "expires_at")!);

        var result = Formatter.Validate(token, now: issuedAt.AddMinutes(1));

        Assert.Equal(TokenValidationStatus.Valid, result.Status);
        var p = result.Payload!;
        Assert.Equal(TokenVectors.Str(e, "user_id"), p.UserId);
        // Keystone's API may list methods in creation order (token cache); the bitmask has no order.
        Assert.Equal(TokenVectors.List(e, "methods")!.Order(), p.Methods.Order());
        Assert.Equal(TokenVectors.Str(e, "project_id"), p.ProjectId);
        Assert.Equal(TokenVectors.Str(e, "domain_id"), p.DomainId);
        Assert.Equal(TokenVectors.Str(e, "system"), p.System);
        Assert.Equal(TokenVectors.Str(e, "app_cred_id"), p.AppCredId);
        Assert.Equal(TokenVectors.List(e, "audit_ids"), p.AuditIds);
        Assert.Equal(issuedAt, p.IssuedAt);
        Assert.Equal(expiresAt, TokenVectors.TruncateToSecond(p.ExpiresAt));

        Assert.Equal(TokenValidationStatus.Expired, Formatter.Validate(token, now: expiresAt).Status);
        Assert.Equal(TokenValidationStatus.Valid, Formatter.Validate(token, expiresAt, expiredWindow: TimeSpan.FromSeconds(1)).Status);
        Assert.Equal(issuedAt, TokenFormatter.GetCreationTime(token));
    }

    [Fact]
    public void Reference_versions_are_the_expected_payload_classes()
    {
        var versions = TestFiles.Json("keystone-reference-tokens.json").GetProperty("tokens").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!,
                t => Formatter.ValidateIgnoringExpiry(t.GetProperty("token").GetString()!).Version);
        Assert.Equal(TokenPayloadVersion.ProjectScoped, versions["project"]);
        Assert.Equal(TokenPayloadVersion.Unscoped, versions["unscoped"]);
        Assert.Equal(TokenPayloadVersion.DomainScoped, versions["domain"]);
        Assert.Equal(TokenPayloadVersion.SystemScoped, versions["system"]);
        Assert.Equal(TokenPayloadVersion.ApplicationCredentialScoped, versions["application-credential"]);
    }
}
