using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// Event handlers after which the component does not render: a component's own handler is run through its
/// <see cref="IHandleEvent"/>, which for <see cref="ComponentBase"/> renders it afterwards, so the handler is given a
/// target of its own that only runs it (ASP.NET Core's "avoid rerendering after handling events" pattern).
/// </summary>
internal static class NonRendering
{
    /// <summary>A handler for <c>@on…</c> attributes that runs <paramref name="handler"/> and renders nothing.</summary>
    public static Action<T> Handler<T>(Action<T> handler) => new Receiver<T>(handler).Invoke;

    private sealed class Receiver<T>(Action<T> handler) : IHandleEvent
    {
        public void Invoke(T argument) => handler(argument);

        public Task HandleEventAsync(EventCallbackWorkItem item, object? argument) => item.InvokeAsync(argument);
    }
}
