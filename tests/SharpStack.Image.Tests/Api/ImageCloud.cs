using Microsoft.Extensions.DependencyInjection;
using SharpStack.Image.Storage;
using SharpStack.Tests.Shared;

namespace SharpStack.Image.Tests.Api;

/// <summary>Identity and Image on loopback ports, set up as `sharpstack up` does (the glance service user, the catalog);
/// SHARPSTACK_TEST_IMAGE_DATABASE runs the image database on PostgreSQL.</summary>
public class ImageCloud() : ServiceCloud(new ImageModule(), "SHARPSTACK_TEST_IMAGE_DATABASE", "SHARPSTACK_IMAGE_DATABASE__CONNECTION")
{
    public Uri ImageUri => ServiceUri;

    public IServiceProvider ImageServices => ServiceProvider;

    /// <summary>Direct access to the image database, for checks the API cannot show (e.g. after a crash).</summary>
    public ImageDb OpenDb() => ImageServices.CreateScope().ServiceProvider.GetRequiredService<ImageDb>();
}
