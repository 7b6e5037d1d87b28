namespace SharpStack.Image.Policies;

/// <summary>The names of Glance's policy rules, as operators write them in policy.yaml.</summary>
public static class ImagePolicyNames
{
    public const string ContextIsAdmin = "context_is_admin";
    public const string AddImage = "add_image";
    public const string GetImages = "get_images";
    public const string GetImage = "get_image";
    public const string ModifyImage = "modify_image";
    public const string PublicizeImage = "publicize_image";
    public const string CommunitizeImage = "communitize_image";
    public const string DeleteImage = "delete_image";
    public const string DownloadImage = "download_image";
    public const string UploadImage = "upload_image";
    public const string DeleteImageLocation = "delete_image_location";
    public const string GetImageLocation = "get_image_location";
    public const string SetImageLocation = "set_image_location";
    public const string AddMember = "add_member";
    public const string DeleteMember = "delete_member";
    public const string GetMember = "get_member";
    public const string GetMembers = "get_members";
    public const string ModifyMember = "modify_member";
    public const string Deactivate = "deactivate";
    public const string Reactivate = "reactivate";
    public const string CopyImage = "copy_image";
    public const string TasksApiAccess = "tasks_api_access";
    public const string GetTask = "get_task";
    public const string GetTasks = "get_tasks";
    public const string AddTask = "add_task";
    public const string ModifyTask = "modify_task";
    public const string StoresInfoDetail = "stores_info_detail";
}
