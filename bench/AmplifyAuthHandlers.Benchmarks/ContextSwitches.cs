using System.Runtime.InteropServices;

namespace AmplifyAuthHandlers.Benchmarks;

/// <summary>
/// The process's context switches (voluntary and involuntary) from <c>getrusage</c>: an extra thread-pool hop per
/// request costs far more CPU (futex wake-ups, scheduler time) than the code that causes it, and shows here first.
/// Linux only; elsewhere the count stays zero.
/// </summary>
internal static partial class ContextSwitches
{
    private const int RusageSelf = 0;

    // struct rusage on 64-bit Linux: two timevals (32 bytes), then 14 longs; ru_nvcsw and ru_nivcsw are the last two.
    private const int RusageBytes = 32 + (14 * 8);

    public static long Count()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return 0;
        }

        Span<long> usage = stackalloc long[RusageBytes / 8];
        unsafe
        {
            fixed (long* buffer = usage)
            {
                if (GetResourceUsage(RusageSelf, buffer) != 0)
                {
                    return 0;
                }
            }
        }

        return usage[^2] + usage[^1];
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static unsafe partial int GetResourceUsage(int who, long* usage);
}
