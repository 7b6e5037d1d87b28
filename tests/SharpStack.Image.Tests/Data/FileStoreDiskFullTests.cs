using System.Diagnostics;
using SharpStack.Image.Stores;
using SharpStack.Image.Stores.File;

namespace SharpStack.Image.Tests.Data;

/// <summary>A real full disk: a 64 KiB tmpfs, when the tests run as root and may mount one (otherwise the
/// injected-ENOSPC API test covers the same path).</summary>
public sealed class FileStoreDiskFullTests
{
    [Fact]
    public async Task A_write_that_fills_a_real_filesystem_raises_storage_full_and_leaves_no_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sharpstack-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (!Run("mount", $"-t tmpfs -o size=64k tmpfs {dir}"))
        {
            Directory.Delete(dir);
            return; // not root or no mount permission
        }
        try
        {
            var store = new FileStore("file", dir);
            var data = new MemoryStream(DataCalls.RandomBytes(256 * 1024));
            var e = await Assert.ThrowsAsync<StorageFullException>(() => store.AddAsync(Guid.NewGuid().ToString(), data, CancellationToken.None));
            Assert.Equal(StorageFullException.DefaultMessage, e.Message);
            Assert.Empty(Directory.GetFiles(dir));
            var url = await store.AddAsync(Guid.NewGuid().ToString(), new MemoryStream(new byte[1024]), CancellationToken.None);
            Assert.True(File.Exists(store.LocalPath(url)));
        }
        finally
        {
            Run("umount", dir);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Run(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
