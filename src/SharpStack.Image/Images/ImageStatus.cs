namespace SharpStack.Image.Images;

/// <summary>Image statuses and visibilities, as upstream spells them.</summary>
public static class ImageStatus
{
    public const string Queued = "queued";
    public const string Saving = "saving";
    public const string Active = "active";
    public const string Killed = "killed";
    public const string Deleted = "deleted";
    public const string PendingDelete = "pending_delete";
    public const string Deactivated = "deactivated";
    public const string Uploading = "uploading";
    public const string Importing = "importing";

    public static readonly IReadOnlyList<string> All = [Queued, Saving, Active, Killed, Deleted, PendingDelete, Deactivated, Uploading, Importing];
}

/// <summary>Who may see an image.</summary>
public static class ImageVisibility
{
    public const string Public = "public";
    public const string Private = "private";
    public const string Shared = "shared";
    public const string Community = "community";

    public static readonly IReadOnlyList<string> All = [Public, Private, Shared, Community];
}

/// <summary>A member's answer to an image shared with its project.</summary>
public static class MemberStatus
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Pending, Accepted, Rejected];
}
