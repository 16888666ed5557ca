using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ActorRuntime.Processes;

namespace ActorRuntime;

/// <summary>
/// The address of a process on an <see cref="ActorSystem"/>, printed like Erlang's <c>&lt;0.42.0&gt;</c>.
/// </summary>
/// <remarks>
/// Ids are never reused within a system, so a stale pid can never reach a newer actor. Equality is the id's.
/// A pid returned by <see cref="ActorSystem.Spawn"/> also carries its process, so sending to it skips
/// the lookup by id (as Akka's <c>IActorRef</c> and Proto's <c>PID</c> do); a parsed or constructed pid
/// is looked up. A pid kept after its actor exited keeps the process object (and its server) reachable,
/// though not the mailbox's rings, which the exit drops.
/// </remarks>
/// <param name="Id">The process number, unique within its <see cref="ActorSystem"/>; 0 is never a live process.</param>
public readonly record struct Pid(long Id) : ISpanParsable<Pid>
{
    internal Pid(long id, ActorProcess process)
        : this(id) => Process = process;

    /// <summary>The process this pid was spawned for; <see langword="null"/> for a pid made from a number.</summary>
    internal ActorProcess? Process { get; }

    /// <summary>Whether both name the same process number (the carried process plays no part).</summary>
    public bool Equals(Pid other) => Id == other.Id;

    /// <inheritdoc/>
    public override int GetHashCode() => Id.GetHashCode();

    /// <summary>Returns the Erlang-style form, e.g. <c>&lt;0.42.0&gt;</c>.</summary>
    public override string ToString() => $"<0.{Id.ToString(CultureInfo.InvariantCulture)}.0>";

    /// <summary>Parses <c>&lt;0.42.0&gt;</c>, <c>0.42.0</c> or a bare <c>42</c>.</summary>
    /// <exception cref="FormatException">The text is not a pid.</exception>
    public static Pid Parse(string s, IFormatProvider? provider = null) => Parse(s.AsSpan(), provider);

    /// <inheritdoc cref="Parse(string, IFormatProvider?)"/>
    public static Pid Parse(ReadOnlySpan<char> s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var pid)
            ? pid
            : throw new FormatException($"'{s}' is not a pid; expected the form <0.42.0> or a positive number like 42.");

    /// <summary>Tries to parse <c>&lt;0.42.0&gt;</c>, <c>0.42.0</c> or a bare <c>42</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Pid result) =>
        TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string, IFormatProvider?, out Pid)"/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Pid result)
    {
        s = s.Trim();
        if (s.Length > 2 && s[0] == '<' && s[^1] == '>')
        {
            s = s[1..^1];
        }

        if (s.StartsWith("0.") && s.EndsWith(".0") && s.Length > 4)
        {
            s = s[2..^2];
        }

        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            result = new Pid(id);
            return true;
        }

        result = default;
        return false;
    }
}
