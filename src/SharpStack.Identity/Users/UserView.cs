using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>A user as the API shows it: the row, whether it counts as enabled now (inactivity included), and
/// when its current password expires.</summary>
public sealed record UserView(UserRow Row, bool Enabled, DateTime? PasswordExpiresAt);
