// Browser-side heartbeat: every minMs..maxMs (random jitter) the tab calls its actor through the circuit.
// It also reports when the tab is hidden or shown, so a background tab costs the server no renders.
// A global script rather than a module: the page needs no JS object reference (one more type cached in every circuit).
(() => {
  const heartbeats = new Map();

  window.dashboardHeartbeat = {
    start(key, dotNetRef, minMs, maxMs) {
      heartbeats.get(key)?.stop();
      heartbeats.set(key, startHeartbeat(dotNetRef, minMs, maxMs));
    },
    stop(key) {
      heartbeats.get(key)?.stop();
      heartbeats.delete(key);
    },
  };

  function startHeartbeat(dotNetRef, minMs, maxMs) {
    let stopped = false;
    let timer = 0;
    const schedule = () => {
      timer = setTimeout(tick, minMs + Math.random() * (maxMs - minMs));
    };
    const tick = async () => {
      if (stopped) return;
      try {
        await dotNetRef.invokeMethodAsync("Heartbeat");
      } catch {
        // The circuit is reconnecting or gone: keep the timer; the server marks the tab late/stale.
      }
      schedule();
    };
    schedule();

    // A hidden tab keeps its heartbeats but tells the page to stop re-rendering until it is shown again.
    const onVisibility = () => {
      dotNetRef.invokeMethodAsync("SetHidden", document.hidden).catch(() => {});
    };
    document.addEventListener("visibilitychange", onVisibility);
    if (document.hidden) onVisibility();

    return {
      stop() {
        stopped = true;
        clearTimeout(timer);
        document.removeEventListener("visibilitychange", onVisibility);
      },
    };
  }
})();
