// Browser-side heartbeat: every minMs..maxMs (random jitter) the tab tells its page, and through it its actor, that it is
// alive; it also reports when the tab is hidden or shown, so a background tab costs the server no renders.
// Each report is a "change" event on the page's hidden signal element, its value saying which ("beat", "hidden",
// "shown"): a DOM event, which every circuit already knows how to read, where a JS interop call back needs an object
// reference and JSON metadata cached in each circuit for its type (HeapWalk: ~0.8 KiB a tab for each). On the wire it
// is the same: Blazor sends a DOM event to the server as a JS interop call of its own, answered like any other.
(() => {
  window.dashboardHeartbeat = {
    start(elementId, minMs, maxMs) {
      let timer = 0;
      const stop = () => {
        clearTimeout(timer);
        document.removeEventListener("visibilitychange", onVisibility);
      };
      // The element goes with its page (another page, or the circuit gone): then so does the heartbeat.
      const signal = (value) => {
        const element = document.getElementById(elementId);
        if (!element) {
          stop();
          return false;
        }
        element.value = value;
        element.dispatchEvent(new Event("change", { bubbles: true }));
        return true;
      };
      const schedule = () => {
        timer = setTimeout(() => signal("beat") && schedule(), minMs + Math.random() * (maxMs - minMs));
      };
      const onVisibility = () => signal(document.hidden ? "hidden" : "shown");

      document.addEventListener("visibilitychange", onVisibility);
      if (document.hidden) onVisibility();
      schedule();
    },
  };
})();
