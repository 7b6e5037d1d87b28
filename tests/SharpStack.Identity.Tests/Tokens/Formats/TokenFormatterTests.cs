using SharpStack.Identity.Fernet;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tests.Tokens.Formats;

public class TokenFormatterTests
{
    private const string User = "0687663eb82e41f48e9554d8033d6023";
    private const string Project = "daede2d3f23a486e895a617b9dc979af";
    private const string Domain = "5a4bd1e1a6b64bb0a3fbb5ffbd8ab0c2";
    private static readonly DateTimeOffset Issued = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
    private static readonly FernetCipher Keys = new(FernetKey.Generate(), FernetKey.Generate());
    private static readonly TokenFormatter Formatter = new(Keys);

    private static TokenPayload Base() => new()
    {
        UserId = User,
        Methods = ["password"],
        ExpiresAt = Issued.AddHours(1).AddTicks(1234560),
        IssuedAt = Issued,
        AuditIds = [TokenPayload.NewAuditId()],
    };

    public static TheoryData<string> Shapes() =>
        ["unscoped", "domain", "domain-default", "project", "trust", "federated-unscoped", "federated-project",
         "federated-domain", "oauth", "system", "application-credential", "string-ids"];

    private static TokenPayload Shape(string shape) => shape switch
    {
        "unscoped" => Base() with { Methods = ["token", "password"], AuditIds = [TokenPayload.NewAuditId(), TokenPayload.NewAuditId()] },
        "domain" => Base() with { DomainId = Domain },
        "domain-default" => Base() with { DomainId = "default" },
        "project" => Base() with { ProjectId = Project },
        "trust" => Base() with { ProjectId = Project, TrustId = "f1e2d3c4b5a697887766554433221100" },
        "federated-unscoped" => Base() with
        {
            Methods = ["mapped"], FederatedGroupIds = ["c0ffee00c0ffee00c0ffee00c0ffee00", "admins"], IdpId = "myidp", ProtocolId = "saml2",
        },
        "federated-project" => Base() with { Methods = ["mapped"], ProjectId = Project, FederatedGroupIds = [], IdpId = "myidp", ProtocolId = "openid" },
        "federated-domain" => Base() with { Methods = ["mapped"], DomainId = Domain, FederatedGroupIds = ["g"], IdpId = Domain, ProtocolId = "saml2" },
        "oauth" => Base() with { Methods = ["oauth1"], ProjectId = Project, AccessTokenId = "1234567890abcdef1234567890abcdef" },
        "system" => Base() with { System = "all" },
        "application-credential" => Base() with { Methods = ["application_credential"], ProjectId = Project, AppCredId = "9f86d081884c4d659a2feaa0c55ad015" },
        "string-ids" => Base() with { UserId = "ldap-Üser", ProjectId = "0687663E-B82E-41F4-8E95-54D8033D6023", Methods = ["ec2credential"] },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Round_trips_every_payload_version(string shape)
    {
        var payload = Shape(shape);
        string token = Formatter.Create(payload, out var issuedAt);

        Assert.DoesNotContain('=', token);
        Assert.Equal(Issued, issuedAt);
        var result = Formatter.Validate(token, Issued);
        Assert.Equal(TokenValidationStatus.Valid, result.Status);
        Assert.Equal(TokenFormatter.SelectVersion(payload), result.Version);
        var back = result.Payload!;
        Assert.Equal(payload.UserId, back.UserId);
        Assert.Equal(payload.Methods.Order(), back.Methods.Order());
        Assert.Equal(payload.ProjectId, back.ProjectId);
        Assert.Equal(payload.DomainId, back.DomainId);
        Assert.Equal(payload.System, back.System);
        Assert.Equal(payload.TrustId, back.TrustId);
        Assert.Equal(payload.FederatedGroupIds, back.FederatedGroupIds);
        Assert.Equal(payload.IdpId, back.IdpId);
        Assert.Equal(payload.ProtocolId, back.ProtocolId);
        Assert.Equal(payload.AccessTokenId, back.AccessTokenId);
        Assert.Equal(payload.AppCredId, back.AppCredId);
        Assert.Equal(payload.AuditIds, back.AuditIds);
        Assert.Equal(payload.ExpiresAt, back.ExpiresAt);
        Assert.Equal(Issued, back.IssuedAt);
    }

    [Fact]
    public void Versions_are_chosen_like_keystones_provider()
    {
        Assert.Equal(TokenPayloadVersion.Unscoped, TokenFormatter.SelectVersion(Shape("unscoped")));
        Assert.Equal(TokenPayloadVersion.DomainScoped, TokenFormatter.SelectVersion(Shape("domain")));
        Assert.Equal(TokenPayloadVersion.ProjectScoped, TokenFormatter.SelectVersion(Shape("project")));
        Assert.Equal(TokenPayloadVersion.TrustScoped, TokenFormatter.SelectVersion(Shape("trust")));
        Assert.Equal(TokenPayloadVersion.FederatedUnscoped, TokenFormatter.SelectVersion(Shape("federated-unscoped")));
        Assert.Equal(TokenPayloadVersion.FederatedProjectScoped, TokenFormatter.SelectVersion(Shape("federated-project")));
        Assert.Equal(TokenPayloadVersion.FederatedDomainScoped, TokenFormatter.SelectVersion(Shape("federated-domain")));
        Assert.Equal(TokenPayloadVersion.OAuthScoped, TokenFormatter.SelectVersion(Shape("oauth")));
        Assert.Equal(TokenPayloadVersion.SystemScoped, TokenFormatter.SelectVersion(Shape("system")));
        Assert.Equal(TokenPayloadVersion.ApplicationCredentialScoped, TokenFormatter.SelectVersion(Shape("application-credential")));
    }

    [Fact]
    public void Expiry_follows_keystone_second_truncation()
    {
        var payload = Base() with { ExpiresAt = Issued.AddSeconds(10).AddTicks(9_999_990) };
        string token = Formatter.Create(payload);

        Assert.Equal(TokenValidationStatus.Valid, Formatter.Validate(token, Issued.AddSeconds(9.999)).Status);
        var expired = Formatter.Validate(token, Issued.AddSeconds(10));
        Assert.Equal(TokenValidationStatus.Expired, expired.Status);
        Assert.NotNull(expired.Payload);
        Assert.False(expired.IsValid);
        Assert.Equal(TokenValidationStatus.Valid, Formatter.ValidateIgnoringExpiry(token).Status);
    }

    [Fact]
    public void Uses_the_time_provider_for_issue_and_validation()
    {
        var clock = new FixedClock(Issued.AddMinutes(5).AddMilliseconds(700));
        var formatter = new TokenFormatter(Keys, timeProvider: clock);
        string token = formatter.Create(Base() with { IssuedAt = default });

        var result = formatter.Validate(token);
        Assert.True(result.IsValid);
        Assert.Equal(Issued.AddMinutes(5), result.Payload!.IssuedAt);
        clock.Now = Issued.AddHours(2);
        Assert.Equal(TokenValidationStatus.Expired, formatter.Validate(token).Status);
    }

    [Fact]
    public void Tampered_truncated_and_foreign_tokens_are_invalid()
    {
        string token = Formatter.Create(Shape("project"));
        var other = new TokenFormatter(new FernetCipher(FernetKey.Generate()));

        Assert.Equal(TokenValidationStatus.Invalid, other.ValidateIgnoringExpiry(token).Status);
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i] == 'A' ? 'B' : 'A';
            string tampered = string.Concat(token.AsSpan(0, i), new string(c, 1), token.AsSpan(i + 1));
            var status = Formatter.ValidateIgnoringExpiry(tampered).Status;
            // The last character may only carry unused padding bits.
            if (i < token.Length - 1)
                Assert.Equal(TokenValidationStatus.Invalid, status);
        }
        for (int len = 0; len < token.Length; len += 7)
            Assert.Equal(TokenValidationStatus.Invalid, Formatter.ValidateIgnoringExpiry(token[..len]).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("gAAAAABrAkOn ZHER6WAb")]
    [InlineData("$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$")]
    [InlineData("gAAAAABrAkOnZHER6WAb_lRj3uRhDlLrjtJztUncoGDVG9-23X1OaeQty3dpEHLS3l-KJfWswR34-6tsTYPUQULkoRBAWcYRLo2kxbqEFxYKFOrYHk_VSh0VYkVwyYdrd1p4ITBBznufMeXxmi0ZEJ5A_sBS_SCsmRqZH5iNV3bvZeml3n0baxI")]
    public void Garbage_gives_a_typed_failure(string? token)
    {
        var result = Formatter.ValidateIgnoringExpiry(token);
        Assert.Equal(TokenValidationStatus.Invalid, result.Status);
        Assert.Null(result.Payload);
        Assert.NotNull(result.Error);
        if (token is not null)
            Assert.Equal(TokenValidationStatus.Invalid, Formatter.Validate(token).Status);
    }

    [Fact]
    public void Authentic_but_unknown_or_broken_payloads_are_reported()
    {
        var w = new MessagePackWriter();
        w.WriteArrayHeader(2);
        w.WriteInteger(10L);
        w.WriteNil();
        string unknown = Keys.Encrypt(w.WrittenSpan, padded: false);
        Assert.Equal(TokenValidationStatus.UnknownVersion, Formatter.ValidateIgnoringExpiry(unknown).Status);

        foreach (string hex in new[] { "", "c0", "90", "9102", "9500", "950092c3c40100020102", "9502c0c0c0c0c0" })
        {
            string broken = Keys.Encrypt(Convert.FromHexString(hex), padded: false);
            Assert.Equal(TokenValidationStatus.Invalid, Formatter.ValidateIgnoringExpiry(broken).Status);
        }

        // Domain-scoped payload naming a non-default, non-UUID domain: keystone refuses it too.
        var bad = new MessagePackWriter();
        bad.WriteArrayHeader(6);
        bad.WriteInteger(1L);
        bad.WriteArrayHeader(2);
        bad.WriteBoolean(false);
        bad.WriteString("u");
        bad.WriteInteger(2L);
        bad.WriteString("other");
        bad.WriteDouble(2e9);
        bad.WriteArrayHeader(0);
        Assert.Equal(TokenValidationStatus.Invalid, Formatter.ValidateIgnoringExpiry(Keys.Encrypt(bad.WrittenSpan)).Status);
    }

    [Fact]
    public void Unpackable_fields_are_rejected_on_create()
    {
        Assert.Throws<ArgumentException>(() => Formatter.Create(Base() with { DomainId = "not-a-uuid" }));
        Assert.Throws<ArgumentException>(() => Formatter.Create(Base() with { ProjectId = Project, TrustId = "not-a-uuid" }));
        Assert.Throws<ArgumentException>(() => Formatter.Create(Base() with { AuditIds = ["not base64!"] }));
    }

    [Fact]
    public void Padding_helpers_match_keystone()
    {
        Assert.Equal("abcd", TokenFormatter.RestorePadding("abcd"));
        Assert.Equal("abc=", TokenFormatter.RestorePadding("abc"));
        Assert.Equal("ab==", TokenFormatter.RestorePadding("ab"));
        string token = Formatter.Create(Shape("system"));
        Assert.True(Formatter.ValidateIgnoringExpiry(TokenFormatter.RestorePadding(token)).IsValid);
        Assert.Null(TokenFormatter.GetCreationTime("nonsense"));
    }

    [Fact]
    public void Oversized_tokens_are_still_issued_and_logged()
    {
        var logger = new ListLogger();
        var formatter = new TokenFormatter(Keys, logger: logger);
        var payload = Shape("federated-project") with { FederatedGroupIds = Enumerable.Range(0, 10).Select(i => $"group-{i}").ToArray() };

        string token = formatter.Create(payload);

        Assert.True(token.Length > 255);
        Assert.True(formatter.ValidateIgnoringExpiry(token).IsValid);
        Assert.Contains(logger.Messages, m => m.Contains("exceeds 255", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_ids_look_like_keystones()
    {
        string id = TokenPayload.NewAuditId();
        Assert.Equal(22, id.Length);
        Assert.DoesNotContain('=', id);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<TokenFormatter>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId,
            TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Messages.Add(formatter(state, exception));
    }
}
