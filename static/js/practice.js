// Enhances the practice chat: send without reloading, Ctrl+Enter, a character counter, and
// the view kept on the newest message. Without JavaScript the plain form works the same.
// Nothing typed is lost: the reply is kept as a draft in this browser (per attempt and step)
// until the server has recorded it, and an error answer leaves it in the box with the message.
(function () {
  "use strict";
  const conversation = document.getElementById("conversation");
  if (!conversation) return;
  const FAILED = "The reply could not be sent. Your text is kept; send it again.";
  const OFFLINE = "The reply could not be sent (connection problem). Your text is kept; send it again.";

  // --- drafts: localStorage may be full or switched off; then the box alone keeps the text.
  function draftKey(form) {
    return `frontline-draft:${form.action}:${form.elements.step_id.value}`;
  }

  function saveDraft(form, text) {
    try {
      if (text) window.localStorage.setItem(draftKey(form), text);
      else window.localStorage.removeItem(draftKey(form));
    } catch (unavailable) { /* the text stays in the box */ }
  }

  function savedDraft(form) {
    try {
      return window.localStorage.getItem(draftKey(form)) || "";
    } catch (unavailable) {
      return "";
    }
  }

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
      error.id = "reply-error";
      error.setAttribute("role", "alert");
      form.querySelector(".field").appendChild(error);
    }
    error.textContent = message;
    form.querySelector(".field").classList.add("has-error");
    form.querySelector("textarea").setAttribute("aria-describedby", "reply-help reply-error");
    form.querySelector("button[type=submit]").disabled = false;
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
    box.value = savedDraft(form);  // normally empty: a draft only if one was kept for this step
    box.removeAttribute("aria-invalid");
    box.setAttribute("aria-describedby", "reply-help");
    form.querySelector(".field").classList.remove("has-error");
    const error = form.querySelector(".error");
    if (error) error.remove();
    updateCounter(box);
    form.querySelector("button[type=submit]").disabled = false;
  }

  // The server's answer drawn in place: the whole chat again (a refused reply, with the
  // reason and a fresh form) or the new turns; an error without a chat is only a message.
  function show(form, data, status) {
    const typed = form.querySelector("textarea").value;
    if (data.turns) {
      saveDraft(form, "");
      append(form, data);
    } else if (data.html) {
      if (!data.error) saveDraft(form, "");  // a repeat: the reply was recorded before
      conversation.innerHTML = data.html;
      const box = conversation.querySelector("textarea");
      if (data.error && box) box.value = typed;  // nothing typed is lost
      bind();
    } else {
      showError(form, data.message || data.error || `${FAILED} (${status})`);
      return;
    }
    scrollToLatest();
  }

  async function send(form) {
    const button = form.querySelector("button[type=submit]");
    if (button.disabled) return;  // a second click while sending is ignored
    button.disabled = true;
    let response;
    try {
      // URL-encoded like the plain form: a multipart body costs the server a parser per request.
      response = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch (networkError) {
      showError(form, OFFLINE);
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    if (!type.includes("application/json")) {
      showError(form, `${FAILED} (${response.status})`);  // e.g. a proxy's error page
      return;
    }
    let data;
    try {
      data = await response.json();
    } catch (unreadable) {
      showError(form, `${FAILED} (${response.status})`);
      return;
    }
    if (data.finished && !data.error) {
      saveDraft(form, "");
      window.location.assign(data.transcript_url);
      return;
    }
    show(form, data, response.status);
  }

  function bind() {
    const form = conversation.querySelector("#reply-form");
    if (!form) return;
    const box = form.querySelector("textarea");
    if (!box.value) box.value = savedDraft(form);
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
    box.addEventListener("input", function () {
      updateCounter(box);
      saveDraft(form, box.value);
    });
    updateCounter(box);
  }

  bind();
  scrollToLatest();
})();
