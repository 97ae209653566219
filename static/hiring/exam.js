// The candidate's test page: a live countdown that turns to a warning colour in the last minutes
// and to danger in the last one, tells screen readers once at each of those moments, and at zero
// locks the reply box and Send (the text stays in the box) before the server would refuse the
// reply. The server keeps the real clock. One reply per click. Integrity signals come from
// js/integrity.js.
(function () {
  "use strict";
  const countdown = document.getElementById("countdown");
  const clock = document.getElementById("exam-clock");
  const news = document.getElementById("clock-news");
  const replyForm = document.getElementById("reply-form");

  // Each moment is announced once per test, not once per page: a reply reloads the page.
  const announced = new Set();
  function announceOnce(moment, message) {
    const key = `frontline-clock:${replyForm ? replyForm.action : location.pathname}:${moment}`;
    try {
      if (window.sessionStorage.getItem(key)) return;
      window.sessionStorage.setItem(key, "1");
    } catch (unavailable) {
      if (announced.has(key)) return;
    }
    announced.add(key);
    news.textContent = message;
  }

  function lockReply() {
    if (!replyForm) return;
    const box = replyForm.querySelector("textarea");
    const notice = document.getElementById("time-up");
    box.disabled = true;  // its text stays where the candidate can read it
    replyForm.querySelector("button[type=submit]").disabled = true;
    notice.hidden = false;
    box.setAttribute("aria-describedby", `${box.getAttribute("aria-describedby")} time-up`);
  }

  function minutes(count) {
    return count === 1 ? "1 minute" : `${count} minutes`;
  }

  if (countdown) {
    const warningAt = Number(countdown.dataset.warningAt);
    const dangerAt = Number(countdown.dataset.dangerAt);
    const end = Date.now() + Number(countdown.dataset.remaining) * 1000;
    const tick = function () {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      let state = "normal";
      if (left === 0) state = "over";
      else if (left <= dangerAt) state = "danger";
      else if (left <= warningAt) state = "warning";
      clock.className = `exam-clock clock-${state}`;
      if (state === "over") {
        countdown.textContent = "Time is up: replies are no longer accepted.";
        announceOnce("over", "Time is up: replies are no longer accepted.");
        lockReply();
        return;
      }
      countdown.textContent = `Time left: ${Math.floor(left / 60)} min ${left % 60} s`;
      if (state !== "normal") {
        announceOnce(state, `${minutes(Math.ceil(left / 60))} left in the test.`);
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }

  if (replyForm) {
    replyForm.addEventListener("submit", function () {
      replyForm.querySelector("button[type=submit]").disabled = true;  // one click, one reply
    });
  }
})();
