using System.Runtime.InteropServices;
using Microsoft.Diagnostics.Runtime;

namespace HeapWalk;

/// <summary>
/// The objects of a heap dump that are reachable from the GC's roots, by type, with the bytes of those that only a
/// process-wide pool holds (ArrayPool, Kestrel's memory pool): what the pools keep grows with the traffic, not the tabs.
/// </summary>
internal sealed class Heap : IDisposable
{
    private static readonly string[] PoolTypes =
        ["System.Buffers.SharedArrayPoolPartitions", "System.Buffers.ConfigurableArrayPool", "Microsoft.AspNetCore.MemoryPoolBlock"];

    private readonly DataTarget _target;
    private readonly HashSet<ulong> _live = [];
    private readonly Dictionary<ulong, ulong> _referrer = [];

    private Heap(string path)
    {
        _target = DataTarget.LoadDump(path);
        var clr = _target.ClrVersions.Single();
        // A heap dump does not say which runtime build wrote it: read it with this runtime's DAC, the same major version.
        var dac = Path.Combine(
            RuntimeEnvironment.GetRuntimeDirectory(),
            OperatingSystem.IsWindows() ? "mscordaccore.dll" : OperatingSystem.IsMacOS() ? "libmscordaccore.dylib" : "libmscordaccore.so");
        Runtime = File.Exists(dac) ? clr.CreateRuntime(dac, ignoreMismatch: true) : clr.CreateRuntime();
        var pending = new Stack<ulong>();
        foreach (var root in Runtime.Heap.EnumerateRoots())
        {
            if (root.Object.Address != 0 && _live.Add(root.Object.Address))
            {
                pending.Push(root.Object.Address);
            }
        }

        while (pending.TryPop(out var address))
        {
            var obj = Runtime.Heap.GetObject(address);
            if (!obj.IsValid)
            {
                continue;
            }

            foreach (var reference in obj.EnumerateReferenceAddresses(carefully: true))
            {
                if (reference != 0 && _live.Add(reference))
                {
                    _referrer[reference] = address;
                    pending.Push(reference);
                }
            }
        }
    }

    public ClrRuntime Runtime { get; }

    public static Heap Load(string path) => new(path);

    /// <summary>Count and bytes of the live objects of each type; arrays a pool holds are counted under "(pooled) T[]".</summary>
    public Dictionary<string, (long Count, long Bytes)> ByType()
    {
        var types = new Dictionary<string, (long Count, long Bytes)>(StringComparer.Ordinal);
        foreach (var address in _live)
        {
            var obj = Runtime.Heap.GetObject(address);
            if (!obj.IsValid)
            {
                continue;
            }

            var name = obj.Type?.Name ?? "?";
            if (obj.Type?.IsArray == true && IsPooled(address))
            {
                name = "(pooled) " + name;
            }

            var (count, bytes) = types.GetValueOrDefault(name);
            types[name] = (count + 1, bytes + (long)obj.Size);
        }

        return types;
    }

    /// <summary>The component of each live Blazor Server component state, with the bytes of its render-tree frame buffers.</summary>
    public IEnumerable<(string Component, long FrameBytes)> Components()
    {
        foreach (var address in _live)
        {
            var state = Runtime.Heap.GetObject(address);
            if (state.Type?.Name != "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState")
            {
                continue;
            }

            long frames = 0;
            foreach (var field in state.Type.Fields.Where(f => f.Type?.Name == "Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder"))
            {
                var items = field.ReadObject(state.Address, interior: false).ReadObjectField("_entries").ReadObjectField("_items");
                frames += items.IsNull ? 0 : (long)items.Size;
            }

            yield return (state.ReadObjectField("<Component>k__BackingField").Type?.Name ?? "?", frames);
        }
    }

    public void Dispose() => _target.Dispose();

    private bool IsPooled(ulong address)
    {
        // An array in a pool sits in the pool's own array (or block) one or two references down.
        for (var (at, depth) = (address, 0); depth < 3 && _referrer.TryGetValue(at, out var holder); (at, depth) = (holder, depth + 1))
        {
            var name = Runtime.Heap.GetObject(holder).Type?.Name ?? "";
            if (PoolTypes.Any(pool => name.StartsWith(pool, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
