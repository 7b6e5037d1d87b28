using System.Security.Cryptography;

namespace SharpStack.Identity.Fernet;

/// <summary>
/// A tiny lock-free pool of <see cref="Aes"/> instances for one key. Aes objects are not
/// thread-safe, and creating one per token costs a native context plus key schedule, so
/// validators rent an instance, use the one-shot CBC APIs, and hand it back.
/// </summary>
internal sealed class AesPool
{
    private readonly byte[] _key;
    private readonly Aes?[] _slots = new Aes?[Math.Max(4, Environment.ProcessorCount * 2)];

    public AesPool(byte[] key) => _key = key;

    public Aes Rent()
    {
        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            var aes = Interlocked.Exchange(ref slots[i], null);
            if (aes is not null)
                return aes;
        }
        var created = System.Security.Cryptography.Aes.Create();
        created.Key = _key;
        return created;
    }

    public void Return(Aes aes)
    {
        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], aes, null) is null)
                return;
        }
        aes.Dispose();
    }
}
