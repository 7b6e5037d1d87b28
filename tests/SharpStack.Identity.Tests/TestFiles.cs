using System.Text.Json;

namespace SharpStack.Identity.Tests;

/// <summary>Access to the TestData folder copied next to the test assembly.</summary>
internal static class TestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static JsonElement Json(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(name)));
        return doc.RootElement.Clone();
    }

    /// <summary>A scratch directory removed on dispose.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sharpstack-crypto-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
