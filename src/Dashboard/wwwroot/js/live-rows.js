// Rows the server writes once and the browser keeps (see Components/Shared/LiveRows.cs). The server renders an empty
// container and sends patches: every row in order, each with its outer HTML when its content changed and the
// attributes that changed. The circuit then holds no markup of the rows, only a hash of each.
(() => {
  const decoder = new TextDecoder();

  function applyOne(containerId, patchBase64Url) {
    const box = document.getElementById(containerId);
    if (!box) throw new Error(`no element #${containerId} to show rows in`);
    const patch = JSON.parse(decoder.decode(fromBase64Url(patchBase64Url)));
    if (patch.reset) box.replaceChildren();

    const kept = new Map();
    for (const el of box.children) kept.set(el.getAttribute("data-row-key"), el);
    // Parsed inside a copy of the container, so a <tr> parses as a table row and a <g> as SVG.
    const scratch = box.cloneNode(false);
    const rows = [];
    for (const row of patch.rows) {
      let el = kept.get(row.k);
      if (row.h !== undefined) {
        scratch.innerHTML = row.h;
        el = scratch.firstElementChild;
        if (!el) throw new Error(`row ${row.k} of #${containerId} has no element`);
        el.setAttribute("data-row-key", row.k);
      }
      if (!el) throw new Error(`row ${row.k} of #${containerId} is not in the page`);
      for (const [name, value] of Object.entries(row.a ?? {})) el.setAttribute(name, value);
      rows.push(el);
    }

    const wanted = new Set(rows);
    for (const el of Array.from(box.children)) {
      if (!wanted.has(el)) el.remove();
    }
    rows.forEach((el, i) => {
      const at = box.children[i] ?? null;
      if (at !== el) box.insertBefore(el, at);
    });
  }

  function fromBase64Url(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  window.dashboardLiveRows = {
    // Applies a circuit's patches: container id, then its patch (UTF-8 JSON in base64url), separated by spaces. Throws when one
    // cannot apply (its container is gone, or a row the server believes is here is not): the server then sends the rows
    // of every container in the call again.
    apply(patches) {
      const lines = patches.split(" ");
      const failed = [];
      for (let i = 0; i + 1 < lines.length; i += 2) {
        try {
          applyOne(lines[i], lines[i + 1]);
        } catch (error) {
          failed.push(error.message);
        }
      }
      if (failed.length > 0) throw new Error(failed.join("; "));
    },

    // Clicking a row that is a button inside the element with this id (or Enter / Space on it) calls the component's
    // [JSInvokable] method with the row's key. Wired once per element, which outlives the rows' container.
    onSelect(panelId, dotNetRef, method) {
      const box = document.getElementById(panelId);
      if (!box || box.dataset.selectWired) return;
      box.dataset.selectWired = "true";
      const select = (event) => {
        const row = event.target.closest('[data-row-key][role="button"]');
        if (!row || !box.contains(row)) return;
        dotNetRef.invokeMethodAsync(method, row.getAttribute("data-row-key")).catch(() => {});
      };
      box.addEventListener("click", select);
      box.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select(event);
        }
      });
    },
  };
})();
