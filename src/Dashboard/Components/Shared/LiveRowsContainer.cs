using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Components.Shared;

/// <summary>
/// The element whose rows are the browser's (see <see cref="LiveRows"/>): it carries each patch to the browser in the
/// render batch that shows the change, and keeps none of it.
/// </summary>
/// <remarks>
/// A patch in a render tree would stay there until the next one, twice over (the current tree and the previous one,
/// kept for the next diff): at a timeline row's ~3.5 K characters, a third of what a tab kept when it did (HeapWalk). So a patch
/// is rendered once and the attribute emptied twice in the same batch (one message: the browser applies it, its
/// MutationObserver reads the patch as the attribute's old value), after which neither tree holds it. When a patch does
/// not apply, the browser fires <c>change</c> on the container, and the next patch sends every row.
/// </remarks>
internal sealed class LiveRowsContainer : IComponent
{
    private RenderHandle _handle;
    private bool _rendered;
    private EventCallback _lost;

    /// <summary>The rows shown in the container. Required.</summary>
    [Parameter, EditorRequired] public LiveRows Rows { get; set; } = null!;

    /// <summary>The container's element: <c>g</c> inside an SVG, <c>tbody</c> in a table.</summary>
    [Parameter, EditorRequired] public string Element { get; set; } = null!;

    /// <summary>The container's CSS class, if any.</summary>
    [Parameter] public string? Class { get; set; }

    public void Attach(RenderHandle renderHandle)
    {
        _handle = renderHandle;
        // One delegate for every render: the event handler keeps its id, and no render batch updates it.
        _lost = EventCallback.Factory.Create(this, () => Rows.Resend());
    }

    public Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        // A prerender's page is replaced by the interactive render, which sends every row.
        if (_handle.RendererInfo.IsInteractive && Rows.TakePatch() is { } patch)
        {
            _handle.Render(builder => Draw(builder, patch));
            _handle.Render(builder => Draw(builder, ""));
            _handle.Render(builder => Draw(builder, ""));
            _rendered = true;
        }
        else if (!_rendered)
        {
            _handle.Render(builder => Draw(builder, ""));
            _rendered = true;
        }

        return Task.CompletedTask;
    }

    private void Draw(RenderTreeBuilder builder, string patch)
    {
        builder.OpenElement(0, Element);
        builder.AddAttribute(1, "id", Rows.ContainerId);
        builder.AddAttribute(2, "class", Class);
        builder.AddAttribute(3, LiveRows.PatchAttribute, patch);
        // live-rows.js fires "change" on the container when a patch does not apply: a DOM event every circuit already
        // handles (the controls' inputs), where a JS interop call back would need an object reference and its metadata.
        builder.AddAttribute(4, "onchange", _lost);
        builder.AddEventStopPropagationAttribute(5, "onchange", true);
        builder.CloseElement();
    }
}
