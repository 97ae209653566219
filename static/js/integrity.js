// Integrity signals for an exam or a hiring test: a paste into the reply, leaving the tab or the
// window are reported to the server (the form #signal-form says where). Signals, not verdicts.
(function () {
  "use strict";
  const signalForm = document.getElementById("signal-form");
  const replyForm = document.getElementById("reply-form");
  if (!signalForm) return;

  function report(kind, size) {
    const data = new FormData(signalForm);
    data.set("kind", kind);
    if (size !== undefined) data.set("size", String(size));
    if (!navigator.sendBeacon || !navigator.sendBeacon(signalForm.action, data)) {
      fetch(signalForm.action, { method: "POST", body: data, credentials: "same-origin", keepalive: true })
        .catch(function () { /* a lost signal is not worth bothering the person answering */ });
    }
  }

  if (replyForm) {
    replyForm.addEventListener("paste", function (event) {
      const text = event.clipboardData ? event.clipboardData.getData("text") : "";
      report("paste", text.length);
    });
  }
  let hidden = false;
  document.addEventListener("visibilitychange", function () {
    hidden = document.visibilityState === "hidden";
    if (hidden) report("tab_hidden");
  });
  window.addEventListener("blur", function () {
    // Switching tabs blurs the window too; count that once, as leaving the tab.
    window.setTimeout(function () { if (!hidden) report("focus_lost"); }, 50);
  });
})();
