using SharpStack.Core.Policy;
using static SharpStack.Image.Policies.Base;

namespace SharpStack.Image.Policies;

/// <summary>Glance (Zed) default rules for images, their data, locations and members.</summary>
public static class Images
{
    private static RuleDefault Rule(string name, string check, string description, string method, string path, bool deprecated = true) =>
        new(name, check)
        {
            Description = description,
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new(method, path)],
            DeprecatedRule = deprecated ? Deprecated(name) : null,
        };

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        Rule(ImagePolicyNames.AddImage, AdminOrProjectMemberCreateImage, "Create new image.", "POST", "/v2/images"),
        Rule(ImagePolicyNames.GetImages, AdminOrProjectReader, "Get images.", "GET", "/v2/images"),
        Rule(ImagePolicyNames.GetImage, AdminOrProjectReaderGetImage, "Get specified image.", "GET", "/v2/images/{image_id}"),
        Rule(ImagePolicyNames.ModifyImage, AdminOrProjectMember, "Updates given image.", "PATCH", "/v2/images/{image_id}"),
        Rule(ImagePolicyNames.PublicizeImage, Admin, "Publicize given image.", "PATCH", "/v2/images/{image_id}", deprecated: false),
        Rule(ImagePolicyNames.CommunitizeImage, AdminOrProjectMember, "Communitize given image.", "PATCH", "/v2/images/{image_id}"),
        Rule(ImagePolicyNames.DeleteImage, AdminOrProjectMember, "Deletes the image.", "DELETE", "/v2/images/{image_id}"),
        Rule(ImagePolicyNames.DownloadImage, AdminOrProjectMemberDownloadImage, "Downloads given image.", "GET", "/v2/images/{image_id}/file"),
        Rule(ImagePolicyNames.UploadImage, AdminOrProjectMember, "Uploads data to specified image.", "PUT", "/v2/images/{image_id}/file"),
        Rule(ImagePolicyNames.DeleteImageLocation, Admin, "Deletes the location of given image.", "PATCH", "/v2/images/{image_id}"),
        Rule(ImagePolicyNames.GetImageLocation, AdminOrProjectReader, "Reads the location of the image.", "GET", "/v2/images/{image_id}"),
        Rule(ImagePolicyNames.SetImageLocation, AdminOrProjectMember, "Sets location URI to given image.", "PATCH", "/v2/images/{image_id}"),
        Rule(ImagePolicyNames.AddMember, AdminOrProjectMember, "Create image member.", "POST", "/v2/images/{image_id}/members"),
        Rule(ImagePolicyNames.DeleteMember, AdminOrProjectMember, "Delete image member.", "DELETE", "/v2/images/{image_id}/members/{member_id}"),
        Rule(ImagePolicyNames.GetMember, AdminOrProjectReaderOrSharedMember, "Show image member details.", "GET", "/v2/images/{image_id}/members/{member_id}"),
        Rule(ImagePolicyNames.GetMembers, AdminOrProjectReaderOrSharedMember, "List image members.", "GET", "/v2/images/{image_id}/members"),
        Rule(ImagePolicyNames.ModifyMember, AdminOrSharedMember, "Update image member.", "PUT", "/v2/images/{image_id}/members/{member_id}"),
        Rule(ImagePolicyNames.Deactivate, AdminOrProjectMember, "Deactivate image.", "POST", "/v2/images/{image_id}/actions/deactivate"),
        Rule(ImagePolicyNames.Reactivate, AdminOrProjectMember, "Reactivate image.", "POST", "/v2/images/{image_id}/actions/reactivate"),
        Rule(ImagePolicyNames.CopyImage, Admin, "Copy existing image to other stores.", "POST", "/v2/images/{image_id}/import", deprecated: false),
        Rule(ImagePolicyNames.TasksApiAccess, Admin, "Access the tasks API (GET /v2/tasks).", "GET", "/v2/tasks", deprecated: false),
        Rule(ImagePolicyNames.GetTask, "rule:default", "Get an image task.", "GET", "/v2/tasks/{task_id}", deprecated: false),
        Rule(ImagePolicyNames.GetTasks, "rule:default", "List tasks for all images.", "GET", "/v2/tasks", deprecated: false),
        Rule(ImagePolicyNames.AddTask, "rule:default", "Create an image task.", "POST", "/v2/tasks", deprecated: false),
        Rule(ImagePolicyNames.ModifyTask, "rule:default", "Modify an image task.", "PATCH", "/v2/tasks/{task_id}", deprecated: false),
        Rule(ImagePolicyNames.StoresInfoDetail, Admin, "Expose store specific information.", "GET", "/v2/info/stores/detail", deprecated: false),
    ];
}
