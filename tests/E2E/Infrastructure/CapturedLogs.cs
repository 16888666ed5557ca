using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace E2E.Infrastructure;

/// <summary>
/// An in-memory logger provider for a test server: every entry the app's logging filters let through (by
/// default Information and up, <c>Microsoft.AspNetCore</c> Warning and up), kept for assertions.
/// </summary>
/// <remarks>
/// Add it with <see cref="AddTo"/> from a derived fixture:
/// <c>: base(settings, configure: logs.AddTo)</c>. Entries are never dropped; a fixture's server lives for
/// one collection, so the list stays small.
/// </remarks>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>How many entries there are; pass it to <see cref="Since"/> later.</summary>
    public int Count => _entries.Count;

    /// <summary>Registers this provider with the server's logging.</summary>
    public void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(this));

    /// <summary>The entries after the first <paramref name="count"/> (a <see cref="Count"/> taken earlier).</summary>
    public IReadOnlyList<LogEntry> Since(int count) => [.. _entries.Skip(count)];

    /// <summary>
    /// Entries at <see cref="LogLevel.Error"/> or above that carry an exception: what an unhandled exception in a
    /// request, a hub invocation or a background service leaves in the log.
    /// </summary>
    public static IReadOnlyList<LogEntry> Failures(IEnumerable<LogEntry> entries) =>
        [.. entries.Where(entry => entry.Level >= LogLevel.Error && entry.Exception is not null)];

    /// <summary>Lines for an assertion message.</summary>
    public static string Describe(IEnumerable<LogEntry> entries) =>
        string.Join(Environment.NewLine, entries.Select(entry => entry.ToString()));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>One log entry.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
    {
        public override string ToString() =>
            $"{Level} {Category}[{EventId.Id}]: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
