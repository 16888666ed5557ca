// Rows the server writes once and the browser keeps (see Components/Shared/LiveRows.cs). The server renders an empty
// container whose data-rows-patch attribute carries a patch, in the render batch that shows the change: its sequence
// number, a space, then JSON with every row in order, each with its outer HTML when its content changed and the
// attributes that changed. The circuit holds no markup of the rows, only a hash of each. A patch that does not apply
// fires "change" on its container, and the next patch sends every row.
(() => {
  const attribute = "data-rows-patch";
  const appliedSequence = new WeakMap(); // container → sequence number of the last patch applied to it

  function applyRows(box, patch) {
    if (patch.reset) box.replaceChildren();

    const kept = new Map();
    for (const el of box.children) kept.set(el.getAttribute("data-row-key"), el);
    // Parsed inside a copy of the container, so a <tr> parses as a table row and a <g> as SVG.
    const scratch = box.cloneNode(false);
    scratch.removeAttribute(attribute);
    const rows = [];
    for (const row of patch.rows) {
      let el = kept.get(row.k);
      if (row.h !== undefined) {
        scratch.innerHTML = row.h;
        el = scratch.firstElementChild;
        if (!el) throw new Error(`row ${row.k} of #${box.id} has no element`);
        el.setAttribute("data-row-key", row.k);
      }
      if (!el) throw new Error(`row ${row.k} of #${box.id} is not in the page`);
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

  // Applies, in order, the patches of one container that it has not applied yet (one render batch carries one patch per
  // container, but the browser may apply several batches before this runs: the earlier values come as oldValue).
  function applyPatches(box, texts) {
    if (!box.isConnected) return;
    const patches = [];
    for (const text of texts) {
      const space = text?.indexOf(" ") ?? -1;
      if (space > 0) patches.push({ sequence: Number(text.slice(0, space)), json: text.slice(space + 1) });
    }
    patches.sort((a, b) => a.sequence - b.sequence);
    for (const { sequence, json } of patches) {
      if (sequence <= (appliedSequence.get(box) ?? 0)) continue;
      appliedSequence.set(box, sequence);
      try {
        applyRows(box, JSON.parse(json));
      } catch (error) {
        console.warn(`live rows: #${box.id} asks the server for every row again (${error.message})`);
        // The container's Blazor onchange handler (LiveRowsContainer) makes the next patch send every row.
        box.dispatchEvent(new Event("change", { bubbles: true }));
        return; // the next patch resets the container
      }
    }
  }

  // Only the containers' attribute: LiveRowsContainer sets a patch and empties it again in the same render batch, so
  // every patch arrives as an attribute change (its oldValue), a new container's first one too.
  new MutationObserver((records) => {
    const byBox = new Map();
    for (const record of records) {
      if (!byBox.has(record.target)) byBox.set(record.target, []);
      byBox.get(record.target).push(record.oldValue, record.target.getAttribute(attribute));
    }
    byBox.forEach((texts, box) => applyPatches(box, texts));
  }).observe(document, { subtree: true, attributes: true, attributeFilter: [attribute], attributeOldValue: true });

  // Clicking a row that is a button (or Enter / Space on it) inside an element marked data-row-select fires "change" on
  // that element with the row's key as its value; the component's Blazor handler shows the row's details. One listener
  // for the document, and a DOM event the circuit already reads, where a JS interop call back would need an object
  // reference and its JSON metadata in every circuit.
  const selectedRow = (event) => event.target.closest?.('[data-row-select] [data-row-key][role="button"]');
  const select = (row) => {
    const panel = row.closest("[data-row-select]");
    panel.value = row.getAttribute("data-row-key");
    panel.dispatchEvent(new Event("change", { bubbles: true }));
  };
  document.addEventListener("click", (event) => {
    const row = selectedRow(event);
    if (row) select(row);
  });
  document.addEventListener("keydown", (event) => {
    const row = (event.key === "Enter" || event.key === " ") && selectedRow(event);
    if (row) {
      event.preventDefault();
      select(row);
    }
  });
})();
