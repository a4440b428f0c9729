// Campaign pages: small progressive enhancements (the pages work without them).
(function () {
  "use strict";

  // A "Copy" button for read-only fields such as the calendar feed address.
  function copyButtons(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.querySelector(button.dataset.copy);
      if (!source || !navigator.clipboard || button.dataset.bound) return;
      button.dataset.bound = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value).then(function () { button.textContent = "✓"; });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { copyButtons(document); });
  document.addEventListener("htmx:afterSettle", function (event) { copyButtons(event.target); });
})();
