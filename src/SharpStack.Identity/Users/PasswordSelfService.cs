using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Users;

/// <summary>A user changing their own password (POST /v3/users/{id}/password): the original password proves who
/// they are (an expired one still does), the new one must satisfy the [security_compliance] rules, and every
/// token issued before the change is revoked.</summary>
public sealed class PasswordSelfService(IdentityDb db, IdentityRevision revision, UserPasswords passwords, PasswordRules rules,
    PasswordAuthentication authentication, Revoker revoker)
{
    public async Task ChangeAsync(string userId, string originalPassword, string newPassword, CancellationToken ct)
    {
        // An unknown user is the same plain 401 as a wrong password.
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw ApiException.Unauthorized();
        await authentication.VerifyAsync(user, originalPassword, allowExpired: true, ct);
        rules.CheckFormat(newPassword);
        var history = await passwords.HistoryAsync(db, userId, ct);
        rules.CheckSelfServiceChange(user, history, newPassword, passwords.Now());
        await passwords.StageSelfServiceSetAsync(db, user, newPassword, ct);
        await db.CommitAsync(revision, "user", ct);
        db.ChangeTracker.Clear();
        await revoker.RevokeUserAsync(userId, ct);
    }
}
