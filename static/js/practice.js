// Enhances the practice chat: send without reloading, Ctrl+Enter, a character counter, and
// the view kept on the newest message. Without JavaScript the plain form works the same.
(function () {
  "use strict";
  const conversation = document.getElementById("conversation");
  if (!conversation) return;

  function scrollToLatest() {
    const latest = conversation.querySelector("#latest") || conversation.lastElementChild;
    if (latest) latest.scrollIntoView({ block: "start" });
    const box = conversation.querySelector("textarea");
    if (box) box.focus();
  }

  function updateCounter(box) {
    const counter = conversation.querySelector(".counter");
    if (!counter) return;
    const limit = Number(box.dataset.maxChars);
    const used = box.value.length;
    counter.textContent = used > limit ? `${used - limit} characters over the limit.` : `${limit - used} left.`;
  }

  function showError(form, message) {
    let error = form.querySelector(".error");
    if (!error) {
      error = document.createElement("p");
      error.className = "error";
      error.setAttribute("role", "alert");
      form.querySelector(".field").appendChild(error);
    }
    error.textContent = message;
  }

  // An accepted reply: its graded turn and the next message replace the last turn shown, and
  // the same form, emptied, answers the new message.
  function append(form, data) {
    const turns = conversation.querySelectorAll("article.turn");
    const marker = conversation.querySelector("#latest");
    if (marker) marker.remove();
    turns[turns.length - 1].outerHTML = data.turns;
    form.elements.step_id.value = data.step_id;
    form.elements.csrf_token.value = data.csrf_token;
    const box = form.querySelector("textarea");
    box.value = "";
    box.removeAttribute("aria-invalid");
    box.setAttribute("aria-describedby", "reply-help");
    form.querySelector(".field").classList.remove("has-error");
    const error = form.querySelector(".error");
    if (error) error.remove();
    updateCounter(box);
    form.querySelector("button[type=submit]").disabled = false;
  }

  async function send(form) {
    const button = form.querySelector("button[type=submit]");
    if (button.disabled) return;  // a second click while sending is ignored
    button.disabled = true;
    try {
      // URL-encoded like the plain form: a multipart body costs the server a parser per request.
      const response = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const type = response.headers.get("Content-Type") || "";
      if (!type.includes("application/json")) {
        form.submit();  // an error page or a redirect: let the browser show it
        return;
      }
      const data = await response.json();
      if (data.finished && !data.error) {
        window.location.assign(data.transcript_url);
        return;
      }
      if (data.turns) {
        append(form, data);
      } else {
        const typed = form.querySelector("textarea").value;
        conversation.innerHTML = data.html;
        const box = conversation.querySelector("textarea");
        if (data.error && box) box.value = typed;  // nothing typed is lost
        bind();
      }
      scrollToLatest();
    } catch (networkError) {
      showError(form, "The reply could not be sent (connection problem). Your text is kept; send it again.");
      button.disabled = false;
    }
  }

  function bind() {
    const form = conversation.querySelector("#reply-form");
    if (!form) return;
    const box = form.querySelector("textarea");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(form);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        send(form);
      }
    });
    box.addEventListener("input", function () { updateCounter(box); });
    updateCounter(box);
  }

  bind();
  scrollToLatest();
})();
