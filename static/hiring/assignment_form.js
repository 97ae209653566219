// The assignment form: find scenarios by words, domain, customer and difficulty, and show the
// draw counts only for a pool. Without JavaScript the whole list and every field are there.
(function () {
  "use strict";
  const picker = document.getElementById("scenario-picker");
  const filters = document.getElementById("scenario-filters");
  if (!picker || !filters) return;
  const rows = Array.from(picker.querySelectorAll("tbody tr"));
  const search = document.getElementById("scenario-search");
  const menus = Array.from(filters.querySelectorAll("select[data-filter]"));
  const tickedOnly = document.getElementById("scenario-ticked");
  const count = document.getElementById("scenario-count");

  function matches(row) {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const box = row.querySelector("input[type=checkbox]");
    return words.every(function (word) { return row.dataset.text.includes(word); })
      && menus.every(function (menu) { return !menu.value || row.dataset[menu.dataset.filter] === menu.value; })
      && (!tickedOnly.checked || box.checked);
  }

  const poolTicked = document.getElementById("pool-ticked");

  function filter() {
    let shown = 0;
    const ticked = {};
    rows.forEach(function (row) {
      row.hidden = !matches(row);  // a hidden ticked scenario stays ticked and is sent
      if (!row.hidden) shown += 1;
      if (row.querySelector("input[type=checkbox]").checked) {
        ticked[row.dataset.difficulty] = (ticked[row.dataset.difficulty] || 0) + 1;
      }
    });
    const total = Object.values(ticked).reduce(function (sum, n) { return sum + n; }, 0);
    count.textContent = `${shown} of ${rows.length} scenarios shown, ${total} ticked.`;
    // What each difficulty can draw from: a draw larger than this is refused on saving.
    const levels = Object.keys(ticked).sort();
    poolTicked.textContent = levels.length
      ? "Ticked: " + levels.map(function (level) { return `${ticked[level]} of difficulty ${level}`; }).join(", ") + "."
      : "Nothing ticked yet.";
  }

  filters.hidden = false;
  filters.addEventListener("input", filter);
  picker.addEventListener("change", filter);
  filter();

  // Only the fields that apply to the chosen way of giving scenarios: a fixed list draws none.
  const modes = Array.from(document.querySelectorAll("input[name=selection]"));
  function showMode() {
    const chosen = modes.find(function (mode) { return mode.checked; });
    document.querySelectorAll("[data-shown-for]").forEach(function (part) {
      const off = !chosen || part.dataset.shownFor !== chosen.value;
      part.hidden = off;
      if (part.tagName === "FIELDSET") part.disabled = off;  // nor sent
    });
  }
  modes.forEach(function (mode) { mode.addEventListener("change", showMode); });
  showMode();
})();
