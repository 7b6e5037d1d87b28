namespace SharpStack.Identity.Tokens.Formats;

/// <summary>
/// Keystone's per-version payload layouts (keystone/token/token_formatters.py). Every payload is a
/// MessagePack array: [version, user, methods, ...scope fields..., expires_at, audit_ids, ...].
/// </summary>
internal static class PayloadCodec
{
    public static byte[] Pack(TokenPayloadVersion version, TokenPayload p, TokenFormatterOptions options)
    {
        var w = new MessagePackWriter();
        ulong methods = options.AuthMethods.Encode(p.Methods);
        double expires = PayloadFields.ToUnixSeconds(p.ExpiresAt);
        switch (version)
        {
            case TokenPayloadVersion.Unscoped:
                Header(w, version, 4, p.UserId, methods);
                w.WriteDouble(expires);
                PayloadFields.WriteAuditIds(w, p.AuditIds);
                break;
            case TokenPayloadVersion.DomainScoped:
                Header(w, version, 5, p.UserId, methods);
                WriteDomainId(w, p.DomainId!, options.DefaultDomainId);
                w.WriteDouble(expires);
                PayloadFields.WriteAuditIds(w, p.AuditIds);
                break;
            case TokenPayloadVersion.ProjectScoped:
                Header(w, version, 5, p.UserId, methods);
                PayloadFields.WriteId(w, p.ProjectId);
                w.WriteDouble(expires);
                PayloadFields.WriteAuditIds(w, p.AuditIds);
                break;
            case TokenPayloadVersion.TrustScoped:
                Header(w, version, 6, p.UserId, methods);
                PayloadFields.WriteId(w, p.ProjectId);
                w.WriteDouble(expires);
                PayloadFields.WriteAuditIds(w, p.AuditIds);
                // Trust ids are always UUIDs and packed as bare bytes, without the (bool, value) pair.
                Span<byte> trust = stackalloc byte[16];
                if (!PayloadFields.TryCompressUuid(p.TrustId, trust))
                    throw new ArgumentException("A trust id must be a UUID in hex form.", nameof(p));
                w.WriteBinary(trust);
                break;
            case TokenPayloadVersion.FederatedUnscoped:
                Header(w, version, 7, p.UserId, methods);
                WriteFederation(w, p, expires);
                break;
            case TokenPayloadVersion.FederatedProjectScoped:
            case TokenPayloadVersion.FederatedDomainScoped:
                Header(w, version, 8, p.UserId, methods);
                PayloadFields.WriteId(w, p.ProjectId ?? p.DomainId);
                WriteFederation(w, p, expires);
                break;
            case TokenPayloadVersion.OAuthScoped:
                Header(w, version, 6, p.UserId, methods);
                PayloadFields.WriteId(w, p.ProjectId);
                PayloadFields.WriteId(w, p.AccessTokenId);
                w.WriteDouble(expires);
                PayloadFields.WriteAuditIds(w, p.AuditIds);
                break;
            case TokenPayloadVersion.SystemScoped:
                Header(w, version, 5, p.UserId, methods);
                PayloadFields.WriteOptionalText(w, p.System);
                w.WriteDouble(expires);
                PayloadFields.WriteAuditIds(w, p.AuditIds);
                break;
            case TokenPayloadVersion.ApplicationCredentialScoped:
                Header(w, version, 6, p.UserId, methods);
                PayloadFields.WriteId(w, p.ProjectId);
                w.WriteDouble(expires);
                PayloadFields.WriteAuditIds(w, p.AuditIds);
                PayloadFields.WriteId(w, p.AppCredId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(version));
        }
        return w.ToArray();
    }

    /// <summary>Reads the array header and the version number that starts every payload.</summary>
    public static long ReadVersion(ref MessagePackReader r, out int fields)
    {
        fields = r.ReadArrayHeader() - 1;
        if (fields < 0)
            throw new MessagePackException("Empty payload.");
        return r.ReadInt64();
    }

    /// <summary>Decodes the fields after the version; extra trailing fields are ignored, as Keystone does.</summary>
    public static TokenPayload Unpack(TokenPayloadVersion version, ref MessagePackReader r, int fields,
        TokenFormatterOptions options, DateTimeOffset issuedAt)
    {
        int needed = version switch
        {
            TokenPayloadVersion.Unscoped => 4,
            TokenPayloadVersion.FederatedUnscoped => 7,
            TokenPayloadVersion.FederatedProjectScoped or TokenPayloadVersion.FederatedDomainScoped => 8,
            TokenPayloadVersion.TrustScoped or TokenPayloadVersion.OAuthScoped
                or TokenPayloadVersion.ApplicationCredentialScoped => 6,
            _ => 5,
        };
        if (fields < needed)
            throw new MessagePackException($"Payload version {(int)version} needs {needed} fields, found {fields}.");

        string userId = PayloadFields.ReadId(ref r);
        var methods = ReadMethods(ref r, options.AuthMethods);
        string? projectId = null, domainId = null, system = null, trustId = null;
        string? accessTokenId = null, appCredId = null, idpId = null, protocolId = null;
        IReadOnlyList<string>? groups = null;
        double expires;
        IReadOnlyList<string> auditIds;

        switch (version)
        {
            case TokenPayloadVersion.Unscoped:
                break;
            case TokenPayloadVersion.DomainScoped:
                domainId = ReadDomainId(ref r, options.DefaultDomainId);
                break;
            case TokenPayloadVersion.ProjectScoped:
            case TokenPayloadVersion.TrustScoped:
            case TokenPayloadVersion.ApplicationCredentialScoped:
                projectId = PayloadFields.ReadId(ref r);
                break;
            case TokenPayloadVersion.FederatedProjectScoped:
                projectId = PayloadFields.ReadId(ref r);
                break;
            case TokenPayloadVersion.FederatedDomainScoped:
                domainId = PayloadFields.ReadId(ref r);
                break;
            case TokenPayloadVersion.OAuthScoped:
                projectId = PayloadFields.ReadId(ref r);
                accessTokenId = PayloadFields.ReadId(ref r);
                break;
            case TokenPayloadVersion.SystemScoped:
                system = PayloadFields.ReadOptionalText(ref r);
                break;
        }

        if (version is TokenPayloadVersion.FederatedUnscoped or TokenPayloadVersion.FederatedProjectScoped
            or TokenPayloadVersion.FederatedDomainScoped)
        {
            int count = r.ReadArrayHeader();
            var ids = new string[count];
            for (int i = 0; i < count; i++)
                ids[i] = PayloadFields.ReadId(ref r);
            groups = ids;
            idpId = PayloadFields.ReadId(ref r);
            protocolId = PayloadFields.ReadOptionalText(ref r);
        }

        expires = r.ReadDouble();
        auditIds = PayloadFields.ReadAuditIds(ref r);

        if (version == TokenPayloadVersion.TrustScoped)
        {
            var raw = r.ReadRaw(out _);
            trustId = raw.Length == 16 ? Convert.ToHexStringLower(raw) : throw new MessagePackException("A trust id must be 16 bytes.");
        }
        else if (version == TokenPayloadVersion.ApplicationCredentialScoped)
        {
            appCredId = PayloadFields.ReadId(ref r);
        }

        return new TokenPayload
        {
            UserId = userId,
            Methods = methods,
            ProjectId = projectId,
            DomainId = domainId,
            System = system,
            TrustId = trustId,
            FederatedGroupIds = groups,
            IdpId = idpId,
            ProtocolId = protocolId,
            AccessTokenId = accessTokenId,
            AppCredId = appCredId,
            ExpiresAt = PayloadFields.FromUnixSeconds(expires),
            IssuedAt = issuedAt,
            AuditIds = auditIds,
        };
    }

    private static void Header(MessagePackWriter w, TokenPayloadVersion version, int fields, string userId, ulong methods)
    {
        w.WriteArrayHeader(fields + 1);
        w.WriteInteger((long)version);
        PayloadFields.WriteId(w, userId);
        w.WriteInteger(methods);
    }

    private static void WriteFederation(MessagePackWriter w, TokenPayload p, double expires)
    {
        var groups = p.FederatedGroupIds ?? [];
        w.WriteArrayHeader(groups.Count);
        foreach (string group in groups)
            PayloadFields.WriteId(w, group);
        PayloadFields.WriteId(w, p.IdpId);
        PayloadFields.WriteOptionalText(w, p.ProtocolId);
        w.WriteDouble(expires);
        PayloadFields.WriteAuditIds(w, p.AuditIds);
    }

    // Domain ids are bare: 16 UUID bytes, or the configured default domain id as text (nothing else).
    private static void WriteDomainId(MessagePackWriter w, string domainId, string defaultDomainId)
    {
        Span<byte> uuid = stackalloc byte[16];
        if (PayloadFields.TryCompressUuid(domainId, uuid))
            w.WriteBinary(uuid);
        else if (domainId == defaultDomainId)
            w.WriteString(domainId);
        else
            throw new ArgumentException($"Domain id '{domainId}' is neither a UUID nor the default domain id.", nameof(domainId));
    }

    private static string ReadDomainId(ref MessagePackReader r, string defaultDomainId)
    {
        var raw = r.ReadRaw(out bool isBinary);
        // Pre-1.0 msgpack packed the UUID bytes in the str family; only the default id is text.
        if (raw.Length == 16 && (isBinary || !raw.SequenceEqual(System.Text.Encoding.UTF8.GetBytes(defaultDomainId))))
            return Convert.ToHexStringLower(raw);
        string text = MessagePackReader.DecodeUtf8(raw);
        return text == defaultDomainId
            ? text
            : throw new MessagePackException($"Domain id '{text}' is neither a UUID nor the default domain id.");
    }

    private static IReadOnlyList<string> ReadMethods(ref MessagePackReader r, AuthMethodMap map)
    {
        // Keystone treats zero or a negative sum as "no methods".
        long value = r.ReadInt64();
        return value <= 0 ? [] : map.Decode((ulong)value);
    }
}
