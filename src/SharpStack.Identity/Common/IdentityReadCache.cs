using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Common;

/// <summary>Rows the token paths read on every request (domains, projects, users, application credentials), cached
/// per identity revision. Rows whose fields change without a revision bump (a user's failed-login counters) must be
/// read from the database where those fields matter (password authentication does).</summary>
public sealed class IdentityReadCache(IServiceScopeFactory scopes, IdentityRevision revision)
{
    private readonly RevisionCache<string, ProjectRow?> _projectsById = new(revision);
    private readonly RevisionCache<(string DomainId, string Name), ProjectRow?> _projectsByName = new(revision);
    private readonly RevisionCache<string, ProjectRow?> _domainsByName = new(revision);
    private readonly RevisionCache<string, UserRow?> _usersById = new(revision);
    private readonly RevisionCache<string, ApplicationCredentialRow?> _appCredsById = new(revision);

    /// <summary>A project or domain by id (domains are projects with IsDomain).</summary>
    public ValueTask<ProjectRow?> ProjectAsync(string id, CancellationToken ct) =>
        _projectsById.GetOrLoadAsync(id, (key, c) => ReadAsync(db => db.Projects.FirstOrDefaultAsync(p => p.Id == key, c)), ct);

    public ValueTask<ProjectRow?> ProjectByNameAsync(string domainId, string name, CancellationToken ct) =>
        _projectsByName.GetOrLoadAsync((domainId, name), (key, c) =>
            ReadAsync(db => db.Projects.FirstOrDefaultAsync(p => p.DomainId == key.DomainId && p.Name == key.Name, c)), ct);

    public async ValueTask<ProjectRow?> DomainAsync(string id, CancellationToken ct) =>
        await ProjectAsync(id, ct) is { IsDomain: true } d ? d : null;

    public ValueTask<ProjectRow?> DomainByNameAsync(string name, CancellationToken ct) =>
        _domainsByName.GetOrLoadAsync(name, (key, c) => ReadAsync(db => db.Projects.FirstOrDefaultAsync(p => p.Name == key && p.IsDomain, c)), ct);

    /// <summary>A user by id; its failed-login counters may be stale (see the class summary).</summary>
    public ValueTask<UserRow?> UserAsync(string id, CancellationToken ct) =>
        _usersById.GetOrLoadAsync(id, (key, c) => ReadAsync(db => db.Users.FirstOrDefaultAsync(u => u.Id == key, c)), ct);

    public ValueTask<ApplicationCredentialRow?> ApplicationCredentialAsync(string id, CancellationToken ct) =>
        _appCredsById.GetOrLoadAsync(id, (key, c) => ReadAsync(db => db.ApplicationCredentials.FirstOrDefaultAsync(a => a.Id == key, c)), ct);

    private async Task<T> ReadAsync<T>(Func<IdentityDb, Task<T>> read)
    {
        using var scope = scopes.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<IdentityDb>());
    }
}
