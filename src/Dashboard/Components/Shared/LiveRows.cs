using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Components.Shared;

/// <summary>One row of a <see cref="LiveRows"/> container.</summary>
/// <param name="Key">Names the row across renders (a call id).</param>
/// <param name="Content">A value that changes whenever <paramref name="Html"/> would write something else.</param>
/// <param name="Html">Writes the row's outer HTML; called only when the browser does not have this content yet.</param>
/// <param name="Attributes">Attributes set on the row's element apart from its HTML (its position, its selection), so that
/// moving or selecting a row does not send it again.</param>
internal readonly record struct LiveRow(string Key, int Content, Func<string> Html, params (string Name, string Value)[] Attributes);

/// <summary>
/// Rows that the browser keeps and the circuit does not: the component renders an empty container, and after each
/// render its <see cref="LiveRowsOutbox"/> sends the browser a patch (wwwroot/js/live-rows.js) with every row in order,
/// the HTML of the rows whose content changed and the attributes that changed.
/// </summary>
/// <remarks>
/// <para>Why: a live tab keeps its render tree twice (the current and the previous one), so rows rendered by Blazor cost
/// every circuit their frames and their text — the timeline's and the calls table's were more than half of what a tab
/// kept (docs/PERFORMANCE.md, "Live tab cost"). Here the circuit keeps one hash a row. Should a patch not apply (the
/// circuit dropped, the page reloaded), the browser's rows are unknown and the next patch sends them all.</para>
/// <para>A patch is UTF-8 JSON sent in base64url: JS interop would escape the JSON of a string argument again (each
/// <c>&lt;</c> of the HTML as six characters), and a byte array would cache a dozen more JSON type infos in every
/// circuit; base64url has nothing to escape and is a string, a type every circuit already knows.</para>
/// </remarks>
internal sealed class LiveRows(string containerId)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, (int Content, int Attributes)> _sent = new(StringComparer.Ordinal);
    private readonly Queue<string> _pending = new();
    private string[] _order = [];
    private bool _reset = true;

    /// <summary>The id of the container element the component renders (empty: its rows are the browser's).</summary>
    public string ContainerId { get; } = containerId;

    /// <summary>How many rows' HTML was written since the start (unchanged rows are not written again).</summary>
    public int RowsWritten { get; private set; }

    /// <summary>Compares <paramref name="rows"/> (in display order) with what the browser has and queues the patch, if any.</summary>
    public void Show(IReadOnlyList<LiveRow> rows)
    {
        var order = new string[rows.Count];
        var changed = _reset || _order.Length != rows.Count;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            if (_reset)
            {
                json.WriteBoolean("reset", true);
                _sent.Clear();
            }

            json.WriteStartArray("rows");
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                order[i] = row.Key;
                changed |= i >= _order.Length || _order[i] != row.Key;
                var attributes = Hash(row.Attributes);
                var known = _sent.TryGetValue(row.Key, out var sent);
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
                _sent[row.Key] = (row.Content, attributes);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        foreach (var gone in _order.Except(order, StringComparer.Ordinal))
        {
            _sent.Remove(gone);
        }

        _order = order;
        _reset = false;
        if (changed)
        {
            _pending.Enqueue(Base64Url.EncodeToString(buffer.WrittenSpan));
        }
    }

    /// <summary>
    /// The browser's rows are gone (the container left the page, having no rows to show) or unknown (a patch did not
    /// apply): the next <see cref="Show"/> sends every row, after clearing the container.
    /// </summary>
    public void Forget()
    {
        _pending.Clear();
        _order = [];
        _reset = true;
    }

    /// <summary>Takes the oldest queued patch (base64url of UTF-8 JSON), if any.</summary>
    public bool TryTakePatch(out string patch) => _pending.TryDequeue(out patch!);

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
