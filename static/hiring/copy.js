// Copy buttons for the candidate links shown once after an invitation; without JavaScript the
// link can be selected in its field and copied by hand.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", async function () {
      const field = document.getElementById(button.dataset.copy);
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
        button.textContent = "Copied";
      } catch (refused) {
        button.textContent = "Selected: press Ctrl+C";
      }
    });
  });
})();
