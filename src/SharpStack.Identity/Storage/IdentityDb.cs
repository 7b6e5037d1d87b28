using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Storage;

/// <summary>The identity service's database: tables named as Keystone names them.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : DbContext(options)
{
    public DbSet<ProjectRow> Projects => Set<ProjectRow>();
    public DbSet<ProjectTagRow> ProjectTags => Set<ProjectTagRow>();
    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<PasswordRow> Passwords => Set<PasswordRow>();
    public DbSet<GroupRow> Groups => Set<GroupRow>();
    public DbSet<GroupMembershipRow> GroupMemberships => Set<GroupMembershipRow>();
    public DbSet<RoleRow> Roles => Set<RoleRow>();
    public DbSet<ImpliedRoleRow> ImpliedRoles => Set<ImpliedRoleRow>();
    public DbSet<AssignmentRow> Assignments => Set<AssignmentRow>();
    public DbSet<SystemAssignmentRow> SystemAssignments => Set<SystemAssignmentRow>();
    public DbSet<RegionRow> Regions => Set<RegionRow>();
    public DbSet<ServiceRow> Services => Set<ServiceRow>();
    public DbSet<EndpointRow> Endpoints => Set<EndpointRow>();
    public DbSet<EndpointGroupRow> EndpointGroups => Set<EndpointGroupRow>();
    public DbSet<ProjectEndpointRow> ProjectEndpoints => Set<ProjectEndpointRow>();
    public DbSet<ProjectEndpointGroupRow> ProjectEndpointGroups => Set<ProjectEndpointGroupRow>();
    public DbSet<CredentialRow> Credentials => Set<CredentialRow>();
    public DbSet<ApplicationCredentialRow> ApplicationCredentials => Set<ApplicationCredentialRow>();
    public DbSet<ApplicationCredentialRoleRow> ApplicationCredentialRoles => Set<ApplicationCredentialRoleRow>();
    public DbSet<AccessRuleRow> AccessRules => Set<AccessRuleRow>();
    public DbSet<ApplicationCredentialAccessRuleRow> ApplicationCredentialAccessRules => Set<ApplicationCredentialAccessRuleRow>();
    public DbSet<TrustRow> Trusts => Set<TrustRow>();
    public DbSet<TrustRoleRow> TrustRoles => Set<TrustRoleRow>();
    public DbSet<RevocationEventRow> RevocationEvents => Set<RevocationEventRow>();
    public DbSet<RegisteredLimitRow> RegisteredLimits => Set<RegisteredLimitRow>();
    public DbSet<LimitRow> Limits => Set<LimitRow>();
    public DbSet<PolicyRow> Policies => Set<PolicyRow>();
    public DbSet<PolicyAssociationRow> PolicyAssociations => Set<PolicyAssociationRow>();
    public DbSet<DomainConfigRow> DomainConfigs => Set<DomainConfigRow>();
    public DbSet<IdentityProviderRow> IdentityProviders => Set<IdentityProviderRow>();
    public DbSet<IdentityProviderRemoteIdRow> IdentityProviderRemoteIds => Set<IdentityProviderRemoteIdRow>();
    public DbSet<FederationProtocolRow> FederationProtocols => Set<FederationProtocolRow>();
    public DbSet<MappingRow> Mappings => Set<MappingRow>();
    public DbSet<ServiceProviderRow> ServiceProviders => Set<ServiceProviderRow>();
    public DbSet<ConsumerRow> Consumers => Set<ConsumerRow>();
    public DbSet<RequestTokenRow> RequestTokens => Set<RequestTokenRow>();
    public DbSet<AccessTokenRow> AccessTokens => Set<AccessTokenRow>();
    public DbSet<RevisionRow> Revisions => Set<RevisionRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<ProjectRow>(e =>
        {
            e.ToTable("project");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.DomainId).HasMaxLength(64);
            e.Property(x => x.ParentId).HasMaxLength(64);
            e.HasIndex(x => new { x.DomainId, x.Name }).IsUnique();
            e.HasIndex(x => x.ParentId);
        });
        b.Entity<ProjectTagRow>(e =>
        {
            e.ToTable("project_tag");
            e.HasKey(x => new { x.ProjectId, x.Name });
            e.Property(x => x.ProjectId).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(255);
        });
        b.Entity<UserRow>(e =>
        {
            e.ToTable("user");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.DomainId).HasMaxLength(64);
            e.Property(x => x.DefaultProjectId).HasMaxLength(64);
            e.HasIndex(x => new { x.DomainId, x.Name }).IsUnique();
        });
        b.Entity<PasswordRow>(e =>
        {
            e.ToTable("password");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.PasswordHash).HasMaxLength(255);
            e.HasIndex(x => x.UserId);
        });
        b.Entity<GroupRow>(e =>
        {
            e.ToTable("group");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.DomainId).HasMaxLength(64);
            e.HasIndex(x => new { x.DomainId, x.Name }).IsUnique();
        });
        b.Entity<GroupMembershipRow>(e =>
        {
            e.ToTable("user_group_membership");
            e.HasKey(x => new { x.UserId, x.GroupId });
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.GroupId).HasMaxLength(64);
            e.HasIndex(x => x.GroupId);
        });
        b.Entity<RoleRow>(e =>
        {
            e.ToTable("role");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.DomainId).HasMaxLength(64);
            e.Property(x => x.Description).HasMaxLength(255);
            e.HasIndex(x => new { x.Name, x.DomainId }).IsUnique();
        });
        b.Entity<ImpliedRoleRow>(e =>
        {
            e.ToTable("implied_role");
            e.HasKey(x => new { x.PriorRoleId, x.ImpliedRoleId });
            e.Property(x => x.PriorRoleId).HasMaxLength(64);
            e.Property(x => x.ImpliedRoleId).HasMaxLength(64);
        });
        b.Entity<AssignmentRow>(e =>
        {
            e.ToTable("assignment");
            e.HasKey(x => new { x.Type, x.ActorId, x.TargetId, x.RoleId, x.Inherited });
            e.Property(x => x.Type).HasMaxLength(16);
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.TargetId).HasMaxLength(64);
            e.Property(x => x.RoleId).HasMaxLength(64);
            e.HasIndex(x => x.ActorId);
            e.HasIndex(x => x.TargetId);
            e.HasIndex(x => x.RoleId);
        });
        b.Entity<SystemAssignmentRow>(e =>
        {
            e.ToTable("system_assignment");
            e.HasKey(x => new { x.Type, x.ActorId, x.TargetId, x.RoleId, x.Inherited });
            e.Property(x => x.Type).HasMaxLength(16);
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.TargetId).HasMaxLength(64);
            e.Property(x => x.RoleId).HasMaxLength(64);
            e.HasIndex(x => x.ActorId);
        });
        b.Entity<RegionRow>(e =>
        {
            e.ToTable("region");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(255);
            e.Property(x => x.Description).HasMaxLength(255);
            e.Property(x => x.ParentRegionId).HasMaxLength(255);
        });
        b.Entity<ServiceRow>(e =>
        {
            e.ToTable("service");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(255);
        });
        b.Entity<EndpointRow>(e =>
        {
            e.ToTable("endpoint");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Interface).HasMaxLength(8);
            e.Property(x => x.RegionId).HasMaxLength(255);
            e.Property(x => x.ServiceId).HasMaxLength(64);
            e.HasIndex(x => x.ServiceId);
        });
        b.Entity<EndpointGroupRow>(e =>
        {
            e.ToTable("endpoint_group");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(255);
        });
        b.Entity<ProjectEndpointRow>(e =>
        {
            e.ToTable("project_endpoint");
            e.HasKey(x => new { x.EndpointId, x.ProjectId });
            e.Property(x => x.EndpointId).HasMaxLength(64);
            e.Property(x => x.ProjectId).HasMaxLength(64);
        });
        b.Entity<ProjectEndpointGroupRow>(e =>
        {
            e.ToTable("project_endpoint_group");
            e.HasKey(x => new { x.EndpointGroupId, x.ProjectId });
            e.Property(x => x.EndpointGroupId).HasMaxLength(64);
            e.Property(x => x.ProjectId).HasMaxLength(64);
        });
        b.Entity<CredentialRow>(e =>
        {
            e.ToTable("credential");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.ProjectId).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(255);
            e.Property(x => x.KeyHash).HasMaxLength(64);
            e.HasIndex(x => x.UserId);
        });
        b.Entity<ApplicationCredentialRow>(e =>
        {
            e.ToTable("application_credential");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.Id).HasMaxLength(64).IsRequired();
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.SecretHash).HasMaxLength(255);
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.ProjectId).HasMaxLength(64);
            e.Property(x => x.System).HasMaxLength(64);
            e.HasIndex(x => x.Id).IsUnique();
            e.HasIndex(x => new { x.UserId, x.Name }).IsUnique();
        });
        b.Entity<ApplicationCredentialRoleRow>(e =>
        {
            e.ToTable("application_credential_role");
            e.HasKey(x => new { x.ApplicationCredentialId, x.RoleId });
            e.Property(x => x.RoleId).HasMaxLength(64);
        });
        b.Entity<AccessRuleRow>(e =>
        {
            e.ToTable("access_rule");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.Id).HasMaxLength(64).IsRequired();
            e.Property(x => x.Service).HasMaxLength(64);
            e.Property(x => x.Path).HasMaxLength(128);
            e.Property(x => x.Method).HasMaxLength(16);
            e.Property(x => x.UserId).HasMaxLength(64);
            e.HasIndex(x => x.Id).IsUnique();
            e.HasIndex(x => x.UserId);
        });
        b.Entity<ApplicationCredentialAccessRuleRow>(e =>
        {
            e.ToTable("application_credential_access_rule");
            e.HasKey(x => new { x.ApplicationCredentialId, x.AccessRuleId });
        });
        b.Entity<TrustRow>(e =>
        {
            e.ToTable("trust");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.TrustorUserId).HasMaxLength(64);
            e.Property(x => x.TrusteeUserId).HasMaxLength(64);
            e.Property(x => x.ProjectId).HasMaxLength(64);
            e.Property(x => x.RedelegatedTrustId).HasMaxLength(64);
            e.HasIndex(x => x.TrustorUserId);
            e.HasIndex(x => x.TrusteeUserId);
        });
        b.Entity<TrustRoleRow>(e =>
        {
            e.ToTable("trust_role");
            e.HasKey(x => new { x.TrustId, x.RoleId });
            e.Property(x => x.TrustId).HasMaxLength(64);
            e.Property(x => x.RoleId).HasMaxLength(64);
        });
        b.Entity<RevocationEventRow>(e =>
        {
            e.ToTable("revocation_event");
            e.HasKey(x => x.Id);
            foreach (var p in new[] { "DomainId", "ProjectId", "UserId", "RoleId", "TrustId", "ConsumerId", "AccessTokenId", "AuditId", "AuditChainId" })
                e.Property(p).HasMaxLength(64);
            e.HasIndex(x => x.RevokedAt);
            e.HasIndex(x => x.AuditId);
        });
        b.Entity<RegisteredLimitRow>(e =>
        {
            e.ToTable("registered_limit");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.Id).HasMaxLength(64).IsRequired();
            e.Property(x => x.ServiceId).HasMaxLength(255);
            e.Property(x => x.RegionId).HasMaxLength(64);
            e.Property(x => x.ResourceName).HasMaxLength(255);
            e.HasIndex(x => x.Id).IsUnique();
        });
        b.Entity<LimitRow>(e =>
        {
            e.ToTable("limit");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.Id).HasMaxLength(64).IsRequired();
            e.Property(x => x.ProjectId).HasMaxLength(64);
            e.Property(x => x.DomainId).HasMaxLength(64);
            e.HasIndex(x => x.Id).IsUnique();
        });
        b.Entity<PolicyRow>(e =>
        {
            e.ToTable("policy");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(255);
        });
        b.Entity<PolicyAssociationRow>(e =>
        {
            e.ToTable("policy_association");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.PolicyId).HasMaxLength(64);
            e.Property(x => x.EndpointId).HasMaxLength(64);
            e.Property(x => x.ServiceId).HasMaxLength(64);
            e.Property(x => x.RegionId).HasMaxLength(255);
        });
        b.Entity<DomainConfigRow>(e =>
        {
            e.ToTable("domain_config");
            e.HasKey(x => new { x.DomainId, x.Group, x.Option });
            e.Property(x => x.DomainId).HasMaxLength(64);
            e.Property(x => x.Group).HasMaxLength(255);
            e.Property(x => x.Option).HasMaxLength(255);
        });
        b.Entity<IdentityProviderRow>(e =>
        {
            e.ToTable("identity_provider");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.DomainId).HasMaxLength(64);
        });
        b.Entity<IdentityProviderRemoteIdRow>(e =>
        {
            e.ToTable("idp_remote_ids");
            e.HasKey(x => x.RemoteId);
            e.Property(x => x.IdpId).HasMaxLength(64);
            e.Property(x => x.RemoteId).HasMaxLength(255);
            e.HasIndex(x => x.IdpId);
        });
        b.Entity<FederationProtocolRow>(e =>
        {
            e.ToTable("federation_protocol");
            e.HasKey(x => new { x.Id, x.IdpId });
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.IdpId).HasMaxLength(64);
            e.Property(x => x.MappingId).HasMaxLength(64);
            e.Property(x => x.RemoteIdAttribute).HasMaxLength(64);
        });
        b.Entity<MappingRow>(e =>
        {
            e.ToTable("mapping");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.SchemaVersion).HasMaxLength(5);
        });
        b.Entity<ServiceProviderRow>(e =>
        {
            e.ToTable("service_provider");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
        });
        b.Entity<ConsumerRow>(e =>
        {
            e.ToTable("consumer");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Secret).HasMaxLength(64);
        });
        b.Entity<RequestTokenRow>(e =>
        {
            e.ToTable("request_token");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Verifier).HasMaxLength(64);
            e.Property(x => x.AuthorizingUserId).HasMaxLength(64);
            e.Property(x => x.RequestedProjectId).HasMaxLength(64);
            e.Property(x => x.ConsumerId).HasMaxLength(64);
        });
        b.Entity<AccessTokenRow>(e =>
        {
            e.ToTable("access_token");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.AuthorizingUserId).HasMaxLength(64);
            e.Property(x => x.ProjectId).HasMaxLength(64);
            e.Property(x => x.ConsumerId).HasMaxLength(64);
            e.HasIndex(x => x.AuthorizingUserId);
        });
        b.Entity<RevisionRow>(e =>
        {
            e.ToTable("revision");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
        });

        ModelConventions.UseSnakeCaseColumns(b);
        ModelConventions.UseUtcDateTimes(b);
    }
}
