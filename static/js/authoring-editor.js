// The scenario editor: CodeMirror 6 on the draft's textarea, the loader's errors underlined on
// their lines as you type (checked on the server), and autosave with the draft's revision.
// Without JavaScript the textarea and its Save button work the same. Nothing typed is lost:
// the text is kept in this browser until the server has it, and a conflict with another
// author's save keeps yours in the editor until you choose.
(function () {
  "use strict";
  const form = document.getElementById("draft-form");
  if (!form || !window.CodeMirror) return;
  const CM = window.CodeMirror;
  const textarea = form.elements.text;
  const revisionField = form.elements.revision;
  const status = document.getElementById("save-status");
  const conflictBox = document.getElementById("conflict");
  const token = form.elements.csrf_token.value;
  const backupKey = `frontline-scenario-draft:${form.dataset.draftId}`;
  const SAVE_DELAY_MS = 1200;
  let saveTimer = null;
  let saving = false;
  let inConflict = false;
  let savedText = textarea.value;
  let theirs = null;  // the other author's text after a conflict

  function backup(text) {
    try {
      if (text === savedText) window.localStorage.removeItem(backupKey);
      else window.localStorage.setItem(backupKey, JSON.stringify({ revision: Number(revisionField.value), text }));
    } catch (unavailable) { /* the editor alone keeps the text */ }
  }

  function restoredBackup() {
    try {
      const kept = JSON.parse(window.localStorage.getItem(backupKey) || "null");
      if (kept && kept.revision === Number(revisionField.value) && kept.text !== savedText) return kept.text;
    } catch (unavailable) { /* nothing kept */ }
    return null;
  }

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (notJson) { /* the status says enough */ }
    return { status: response.status, data };
  }

  // --- the loader's problems, drawn by CodeMirror's lint extension
  function diagnostics(view, problems) {
    const doc = view.state.doc;
    return problems.map((problem) => {
      const line = doc.line(Math.min(Math.max(problem.line || 1, 1), doc.lines));
      const from = Math.min(line.from + Math.max((problem.column || 1) - 1, 0), line.to);
      return { from, to: line.to > from ? line.to : from, severity: problem.severity, message: problem.message };
    });
  }

  function showSummary(data) {
    const summary = document.getElementById("check-summary");
    const list = document.getElementById("problem-list");
    const errors = data.problems.filter((p) => p.severity === "error").length;
    const warnings = data.problems.length - errors;
    summary.className = data.loads ? "verdict good" : "verdict bad";
    summary.textContent = data.loads
      ? `Loads: no errors${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}.`
      : `${errors} error${errors === 1 ? "" : "s"}: the draft is kept as it is, but cannot be tried or published until they are fixed.`;
    list.replaceChildren(...data.problems.map((p) => {
      const item = document.createElement("li");
      item.className = `problem problem-${p.severity}`;
      item.textContent = `${p.line ? `Line ${p.line}: ` : ""}${p.message}`;
      return item;
    }));
  }

  async function checkSource(view) {
    try {
      const { status: code, data } = await post(form.dataset.checkUrl, { text: view.state.doc.toString() });
      if (code !== 200 || !data.problems) return [];
      showSummary(data);
      return diagnostics(view, data.problems);
    } catch (offline) {
      return [];
    }
  }

  // --- autosave with the revision the text is based on
  async function save(view, overwrite) {
    if (saving || (inConflict && !overwrite)) return;
    const text = view.state.doc.toString();
    if (text === savedText) return;
    saving = true;
    say("Saving…");
    try {
      const { status: code, data } = await post(form.dataset.autosaveUrl, { text, revision: Number(revisionField.value) });
      if (code === 200) {
        revisionField.value = data.revision;
        savedText = text;
        inConflict = false;
        conflictBox.hidden = true;
        say(`Saved (revision ${data.revision}).`);
      } else if (code === 409) {
        inConflict = true;
        revisionField.value = data.revision;
        theirs = data.text;
        document.getElementById("conflict-text").textContent = data.error;
        document.getElementById("mine-kept").value = text;
        conflictBox.hidden = false;
        document.getElementById("keep-mine").hidden = false;
        say("Not saved: another author saved this draft meanwhile.", true);
      } else {
        say(`Not saved (${data.message || data.error || code}); your text is kept here and in this browser.`, true);
      }
    } catch (offline) {
      say("Not saved (connection problem); your text is kept here and in this browser. Saving again soon.", true);
      saveTimer = setTimeout(() => save(view), SAVE_DELAY_MS * 5);
    } finally {
      saving = false;
    }
    if (!inConflict && view.state.doc.toString() !== savedText) schedule(view);
  }

  function schedule(view) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => save(view), SAVE_DELAY_MS);
  }

  const restored = restoredBackup();
  const view = new CM.EditorView({
    state: CM.EditorState.create({
      doc: restored === null ? textarea.value : restored,
      extensions: [
        CM.lineNumbers(), CM.highlightActiveLineGutter(), CM.highlightSpecialChars(), CM.history(),
        CM.foldGutter(), CM.drawSelection(), CM.indentOnInput(), CM.bracketMatching(),
        CM.highlightActiveLine(), CM.highlightSelectionMatches(), CM.indentUnit.of("  "),
        CM.syntaxHighlighting(CM.defaultHighlightStyle, { fallback: true }), CM.yaml(),
        CM.lintGutter(), CM.linter(checkSource, { delay: 600 }),
        CM.EditorView.cspNonce.of(form.dataset.cspNonce),  // CodeMirror's own stylesheet
        CM.keymap.of([...CM.defaultKeymap, ...CM.historyKeymap, ...CM.searchKeymap,
          ...CM.foldKeymap, ...CM.lintKeymap, CM.indentWithTab]),
        // An explicit tabindex says what the editable text already is, reachable by Tab, so
        // checkers see that the scrolling box around it can be used from the keyboard.
        CM.EditorView.contentAttributes.of(
          { "aria-label": "Scenario YAML", spellcheck: "false", tabindex: "0" }),
        CM.EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const text = update.state.doc.toString();
          textarea.value = text;
          backup(text);
          if (!inConflict) {
            say("Unsaved changes…");
            schedule(update.view);
          }
        }),
      ],
    }),
  });
  textarea.hidden = true;
  textarea.parentNode.insertBefore(view.dom, textarea.nextSibling);
  view.dom.classList.add("yaml-editor");
  if (restored !== null) {
    say("Restored the text you had not saved yet in this browser; saving it…");
    schedule(view);
  }

  document.getElementById("keep-mine").addEventListener("click", () => save(view, true));
  document.getElementById("load-theirs").addEventListener("click", () => {
    if (theirs === null) return;
    inConflict = false;
    conflictBox.hidden = false;  // the author's own text stays readable below
    savedText = theirs;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: theirs } });
    say(`Loaded revision ${revisionField.value}. Your text is kept below to copy from.`);
    document.getElementById("keep-mine").hidden = true;
  });
  // Publishing takes the saved draft: save what was typed first.
  const publishForm = document.getElementById("publish-form");
  publishForm.addEventListener("submit", async (event) => {
    if (view.state.doc.toString() === savedText) return;
    event.preventDefault();
    clearTimeout(saveTimer);
    await save(view);
    if (view.state.doc.toString() === savedText) publishForm.submit();
    else say("Not published: the draft could not be saved first (see above).", true);
  });
  // The plain Save still works: send the editor's text with it.
  form.addEventListener("submit", () => { textarea.value = view.state.doc.toString(); });
}());
