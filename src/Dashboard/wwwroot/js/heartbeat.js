// Browser-side heartbeat: every minMs..maxMs (random jitter) the tab calls its actor through the circuit.
export function start(dotNetRef, minMs, maxMs) {
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
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
