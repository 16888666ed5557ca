extern alias tabload;

using tabload::TabLoad;

namespace E2E.Load;

/// <summary>The live-tab measuring tool's arguments (tools/TabLoad): what it accepts and how it refuses the rest.</summary>
public sealed class TabLoadOptionsTests
{
    [Theory]
    [InlineData(new[] { "--url", "http://10.0.0.1:5058" }, "loopback")]
    [InlineData(new[] { "--tabs", "201" }, "--tabs must be within 1..200")]
    [InlineData(new[] { "--settle", "3m" }, "--settle must be within 0..2m")]
    [InlineData(new[] { "--activity", "busy" }, "--activity must be idle or active")]
    [InlineData(new[] { "--path", "not-found" }, "--path must start with '/'")]
    [InlineData(new[] { "--warm", "my-actor" }, "--warm must start with '/'")]
    [InlineData(new[] { "--heap-dump", "/tmp/tabs.dump" }, "--heap-dump needs --server-pid")]
    [InlineData(new[] { "--warm" }, "--warm needs a value")]
    public void Parse_BadArguments_RefusesWithAClearMessage(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TabOptions.Parse(args));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AHeapDumpPairRun_ReadsThePagesTheDumpAndTheTimes()
    {
        var options = TabOptions.Parse(
        [
            "--url", "http://127.0.0.1:5058", "--server-pid", "4321", "--tabs", "30", "--activity", "idle", "--duration", "20s",
            "--warmup", "10s", "--path", "/not-found", "--warm", "/", "--heap-dump", "/tmp/empty30.dump",
        ]);

        Assert.Equal(new Uri("http://127.0.0.1:5058"), options.Url);
        Assert.Equal((4321, 30, TabActivity.Idle), (options.ServerPid, options.Tabs, options.Activity));
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90)), (options.Duration, options.Warmup, options.Settle));
        Assert.Equal(("/not-found", "/", "/tmp/empty30.dump"), (options.Path, options.WarmPath, options.HeapDumpPath));
    }

    [Fact]
    public void Parse_NoWarmPath_WarmsNothing()
    {
        var options = TabOptions.Parse(["--url", "http://localhost:5058"]);

        Assert.Null(options.WarmPath);
        Assert.Equal("/", options.Path);
    }
}
