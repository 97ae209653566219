// The candidate's test page: a live countdown (the server keeps the real clock and refuses late
// replies) and one reply per click. Integrity signals come from js/integrity.js.
(function () {
  "use strict";
  const countdown = document.getElementById("countdown");
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

  if (replyForm) {
    replyForm.addEventListener("submit", function () {
      replyForm.querySelector("button[type=submit]").disabled = true;  // one click, one reply
    });
  }
})();
