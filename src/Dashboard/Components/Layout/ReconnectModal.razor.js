// Set up event handlers
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

function handleReconnectStateChanged(event) {
    if (event.detail.state === "show") {
        reconnectModal.showModal();
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        reloadWhenAServerAnswers();
    } else if (event.detail.state === "rejected") {
        reloadOnNewCircuit();
    }
}

// The key under which the node that served the old page survives the reload; NodeChangedAlert reads it.
const previousNodeKey = "actorDashboard.previousNode";

// The circuit is gone (its node died, or it expired): reload for a new one. Behind the gateway the new page may come
// from another node; remembering the old node lets the new page say so.
function reloadOnNewCircuit() {
    const node = document.body.dataset.node;
    if (node) {
        sessionStorage.setItem(previousNodeKey, node);
    }

    location.reload();
}

// Reconnecting gave up: reload once some server answers again (through the gateway, another node).
async function reloadWhenAServerAnswers() {
    try {
        const response = await fetch("healthz", { cache: "no-store" });
        if (response.ok) {
            reloadOnNewCircuit();
        }
    } catch {
        // Nothing answers: keep the "retry" button and the retry when the tab becomes visible.
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // Reconnect will asynchronously return:
        // - true to mean success
        // - false to mean we reached the server, but it rejected the connection (e.g., unknown circuit ID)
        // - exception to mean we didn't reach the server (this can be sync or async)
        const successful = await Blazor.reconnect();
        if (!successful) {
            // We have been able to reach the server, but the circuit is no longer available.
            // We'll reload the page so the user can continue using the app as quickly as possible.
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                reloadOnNewCircuit();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        // We got an exception, server is currently unavailable
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            reloadOnNewCircuit();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
