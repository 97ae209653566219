// The candidate's test page: a live countdown (the server keeps the real clock and refuses late
// replies), and signals for the hiring manager when text is pasted or the page is left.
(function () {
  "use strict";
  const countdown = document.getElementById("countdown");
  const signalForm = document.getElementById("signal-form");
  const replyForm = document.getElementById("reply-form");

  if (countdown) {
    const end = Date.now() + Number(countdown.dataset.remaining) * 1000;
    const tick = function () {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      countdown.textContent = left > 0
        ? `Time left: ${Math.floor(left / 60)} min ${left % 60} s`
        : "Time is up: replies are no longer accepted.";
      if (left === 60) countdown.setAttribute("aria-live", "assertive");  // one warning
      if (left > 0) window.setTimeout(tick, 1000);
    };
    tick();
  }

  function report(kind, size) {
    if (!signalForm) return;
    const data = new FormData(signalForm);
    data.set("kind", kind);
    if (size !== undefined) data.set("size", String(size));
    if (!navigator.sendBeacon || !navigator.sendBeacon(signalForm.action, data)) {
      fetch(signalForm.action, { method: "POST", body: data, credentials: "same-origin", keepalive: true })
        .catch(function () { /* a lost signal is not worth bothering the candidate */ });
    }
  }

  if (replyForm) {
    replyForm.addEventListener("paste", function (event) {
      const text = event.clipboardData ? event.clipboardData.getData("text") : "";
      report("paste", text.length);
    });
    replyForm.addEventListener("submit", function () {
      replyForm.querySelector("button[type=submit]").disabled = true;  // one click, one reply
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
