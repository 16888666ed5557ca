using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>One row of a <see cref="LiveRows"/> container.</summary>
/// <param name="Key">Names the row across renders (a call id).</param>
/// <param name="Content">A value that changes whenever <paramref name="Html"/> would write something else.</param>
/// <param name="Html">Writes the row's outer HTML; called only when the browser does not have this content yet.</param>
/// <param name="Attributes">Attributes set on the row's element apart from its HTML (its position, its selection), so that
/// moving or selecting a row does not send it again.</param>
internal readonly record struct LiveRow(string Key, int Content, Func<string> Html, params (string Name, string Value)[] Attributes);

/// <summary>
/// Rows that the browser keeps and the circuit does not: the component renders an empty container
/// (<see cref="LiveRowsContainer"/>) whose <see cref="PatchAttribute"/> carries a patch (wwwroot/js/live-rows.js applies
/// it) with every row in order, the HTML of the rows whose content changed and the attributes that changed.
/// </summary>
/// <remarks>
/// <para>Why: a live tab keeps its render tree twice (the current and the previous one), so rows rendered by Blazor cost
/// every circuit their frames and their text — the timeline's and the calls table's were more than half of what a tab
/// kept (docs/PERFORMANCE.md, "Live tab cost"). Here the circuit keeps one hash a row.</para>
/// <para>The patch rides in the render batch that shows the change, as an attribute: a string there goes as UTF-8 with no
/// escaping, and needs no JS interop call of its own (a message, its JSON, its acknowledgement: with the base64 copy,
/// ~40 % of what an idle tab allocated; docs/PERFORMANCE.md, "Third round"). Each patch starts with its sequence number, so
/// the browser applies each once, in order; the container keeps none (see <see cref="LiveRowsContainer"/>).</para>
/// <para>Should a patch not apply (the browser lost its rows), the container says so with a DOM event and the next patch
/// sends them all (<see cref="Resend"/>).</para>
/// </remarks>
internal sealed class LiveRows
{
    /// <summary>The container's attribute that carries the patches.</summary>
    public const string PatchAttribute = "data-rows-patch";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int MaxKeptBuffer = 64 * 1024;

    // One buffer and writer per thread: a patch is written and turned into a string at once, on the renderer's thread.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    private readonly Action _redraw;
    private readonly LiveRowsCircuit _circuit;

    // What the browser has once the last rendered patch is applied.
    private readonly Dictionary<string, (int Content, int Attributes)> _sent = new(StringComparer.Ordinal);
    private string[] _order = [];
    private bool _reset = true;

    // The patch the next render carries, and what the browser has once it is applied.
    private string? _pending;
    private (string Key, int Content, int Attributes)[] _pendingRows = [];
    private long _sequence;

    /// <summary>
    /// A container, a <paramref name="element"/> (<c>g</c> in an SVG, <c>tbody</c> in a table) of class
    /// <paramref name="cssClass"/>; <paramref name="redraw"/> shows every row again and renders the component, and
    /// <paramref name="circuit"/> hears of each patch a render carries. Made by <see cref="LiveRowsCircuit.Open"/>.
    /// </summary>
    public LiveRows(string containerId, string element, string? cssClass, Action redraw, LiveRowsCircuit circuit)
    {
        ContainerId = containerId;
        _redraw = redraw;
        _circuit = circuit;
        // One fragment for every render of the panel that shows it.
        Container = builder =>
        {
            builder.OpenComponent<LiveRowsContainer>(0);
            builder.AddComponentParameter(1, nameof(LiveRowsContainer.Rows), this);
            builder.AddComponentParameter(2, nameof(LiveRowsContainer.Element), element);
            builder.AddComponentParameter(3, nameof(LiveRowsContainer.Class), cssClass);
            builder.CloseComponent();
        };
    }

    /// <summary>The id of the container element the component renders (empty: its rows are the browser's).</summary>
    public string ContainerId { get; }

    /// <summary>How many rows' HTML was written since the start (unchanged rows are not written again).</summary>
    public int RowsWritten { get; private set; }

    /// <summary>The container element whose rows these are, for the panel's markup.</summary>
    public RenderFragment Container { get; }

    /// <summary>
    /// Compares <paramref name="rows"/> (in display order) with what the browser has and makes the patch the next
    /// render carries, if anything differs; it replaces a patch no render took yet.
    /// </summary>
    public void Show(IReadOnlyList<LiveRow> rows)
    {
        var changed = _reset || _order.Length != rows.Count;
        var next = new (string Key, int Content, int Attributes)[rows.Count];
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer, JsonOptions);
        json.Reset(buffer);

        json.WriteStartObject();
        if (_reset)
        {
            json.WriteBoolean("reset", true);
        }

        json.WriteStartArray("rows");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            changed |= i >= _order.Length || _order[i] != row.Key;
            var attributes = Hash(row.Attributes);
            var known = _sent.TryGetValue(row.Key, out var sent) && !_reset;
            json.WriteStartObject();
            json.WriteString("k", row.Key);
            if (!known || sent.Content != row.Content)
            {
                json.WriteString("h", row.Html());
                RowsWritten++;
                changed = true;
                known = false; // a new element: it needs its attributes too
            }

            if (!known || sent.Attributes != attributes)
            {
                json.WriteStartObject("a");
                foreach (var (name, value) in row.Attributes)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                changed = true;
            }

            json.WriteEndObject();
            next[i] = (row.Key, row.Content, attributes);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();

        if (!changed)
        {
            _pending = null; // the browser already shows these rows (a patch no render carried is not needed either)
            return;
        }

        _sequence++;
        var sequence = _sequence.ToString(CultureInfo.InvariantCulture);
        _pending = string.Create(sequence.Length + 1 + Encoding.UTF8.GetCharCount(buffer.WrittenSpan), (sequence, buffer), static (chars, state) =>
        {
            state.sequence.CopyTo(chars);
            chars[state.sequence.Length] = ' ';
            Encoding.UTF8.GetChars(state.buffer.WrittenSpan, chars[(state.sequence.Length + 1)..]);
        });
        _pendingRows = next;
        if (buffer.Capacity > MaxKeptBuffer)
        {
            (t_buffer, t_json) = (null, null); // a reset of many rows: do not keep its buffer for the small patches after it
        }
    }

    /// <summary>
    /// The patch a render carries to the browser, if there is one waiting: from now on the browser has its rows. Called by
    /// <see cref="LiveRowsContainer"/> as it renders.
    /// </summary>
    public string? TakePatch()
    {
        if (_pending is not { } patch)
        {
            return null;
        }

        if (_reset)
        {
            _sent.Clear();
            _reset = false;
        }

        var order = new string[_pendingRows.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var (key, content, attributes) = _pendingRows[i];
            order[i] = key;
            _sent[key] = (content, attributes);
        }

        foreach (var gone in _order.Except(order, StringComparer.Ordinal))
        {
            _sent.Remove(gone);
        }

        (_order, _pendingRows, _pending) = (order, [], null);
        _circuit.OnPatchRendered(this, patch);
        return patch;
    }

    /// <summary>
    /// The browser could not apply a patch (its container said so with a <c>change</c> event, see
    /// <see cref="LiveRowsContainer"/>): the component draws again and its next patch sends every row.
    /// </summary>
    public void Resend()
    {
        Forget();
        _redraw();
    }

    /// <summary>
    /// The browser's rows are gone (the container left the page, having no rows to show) or unknown (a patch did not
    /// apply): the next <see cref="Show"/> sends every row, after clearing the container.
    /// </summary>
    public void Forget()
    {
        _pending = null;
        _pendingRows = [];
        _order = [];
        _reset = true;
    }

    private static int Hash((string Name, string Value)[] attributes)
    {
        var hash = default(HashCode);
        foreach (var (name, value) in attributes)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
