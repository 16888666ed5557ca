using System.Globalization;
using HeapWalk;

// What each live tab keeps, exactly: two heap dumps (dotnet-dump collect --type Heap), one with N tabs on the page
// and one with N empty circuits (TabLoad --heap-dump), walked from the GC's roots. See docs/PERFORMANCE.md.
const string Usage = """
    usage: HeapWalk --tabs N [--top K] TABS.dump [EMPTY.dump]
      TABS.dump    a heap dump of the server with N tabs open (TabLoad --heap-dump)
      EMPTY.dump   the same with N tabs on an almost empty page (--path /not-found): the difference per tab is what
                   a tab keeps above an empty circuit, with what the process-wide pools hold apart
      --top K      how many types to list, largest first (default 25)
    """;

var files = new List<string>();
var tabs = 0;
var top = 25;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--tabs" && i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
    {
        tabs = n;
    }
    else if (args[i] == "--top" && i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0)
    {
        top = k;
    }
    else if (File.Exists(args[i]))
    {
        files.Add(args[i]);
    }
    else
    {
        Console.Error.WriteLine(args[i] is "-h" or "--help" ? Usage : $"not a dump or an option: {args[i]}\n{Usage}");
        return 2;
    }
}

if (tabs == 0 || files.Count is 0 or > 2)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

Dictionary<string, (long Count, long Bytes)> live;
using (var heap = Heap.Load(files[0]))
{
    live = heap.ByType();
    Console.WriteLine($"components per tab in {Path.GetFileName(files[0])} (render-tree frame buffers, both trees)");
    foreach (var group in heap.Components().GroupBy(c => c.Component).OrderByDescending(g => g.Sum(c => c.FrameBytes)).Take(20))
    {
        Console.WriteLine($"  {group.Sum(c => c.FrameBytes) / tabs,8:N0} B  {group.Count() / (double)tabs,5:0.0}  {group.Key}");
    }
}

if (files.Count == 1)
{
    Console.WriteLine($"live heap: {live.Values.Sum(t => t.Bytes) / 1024.0 / tabs:N1} KiB per tab (no empty dump to subtract)");
    return 0;
}

Dictionary<string, (long Count, long Bytes)> empty;
using (var heap = Heap.Load(files[1]))
{
    empty = heap.ByType();
}

var rows = live.Keys.Union(empty.Keys)
    .Select(type => (Type: type, Count: live.GetValueOrDefault(type).Count - empty.GetValueOrDefault(type).Count, Bytes: live.GetValueOrDefault(type).Bytes - empty.GetValueOrDefault(type).Bytes))
    .ToList();
var total = rows.Sum(r => r.Bytes) / 1024.0 / tabs;
var pooled = rows.Where(r => r.Type.StartsWith("(pooled)", StringComparison.Ordinal)).Sum(r => r.Bytes) / 1024.0 / tabs;
Console.WriteLine($"live heap above an empty circuit: {total:N1} KiB per tab, of which process-wide pools {pooled:N1} KiB;");
Console.WriteLine($"the tab's circuit, actor, session and tracker: {total - pooled:N1} KiB per tab");
Console.WriteLine("largest types, bytes and objects per tab:");
foreach (var (type, count, bytes) in rows.OrderByDescending(r => r.Bytes).Take(top))
{
    Console.WriteLine($"  {bytes / tabs,8:N0} B  {count / (double)tabs,6:0.0}  {type}");
}

return 0;
