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

  // Plan board: drag a card to another week to open the move preview for the same weekday there.
  // The card's "Move" link stays the keyboard (and no-JavaScript) way.
  function isoDay(text) {
    var parts = text.split("-").map(Number);
    return Date.UTC(parts[0], parts[1] - 1, parts[2]);
  }

  function dragToReschedule(root) {
    root.querySelectorAll("article[data-move-url]").forEach(function (card) {
      if (card.dataset.dragBound) return;
      card.dataset.dragBound = "1";
      card.draggable = true;
      card.addEventListener("dragstart", function (event) {
        event.dataTransfer.setData("text/plain", card.id);
        event.dataTransfer.effectAllowed = "move";
      });
    });
    root.querySelectorAll("tr[data-week]").forEach(function (row) {
      if (row.dataset.dropBound) return;
      row.dataset.dropBound = "1";
      row.addEventListener("dragover", function (event) { event.preventDefault(); row.classList.add("drop-target"); });
      row.addEventListener("dragleave", function () { row.classList.remove("drop-target"); });
      row.addEventListener("drop", function (event) {
        event.preventDefault();
        row.classList.remove("drop-target");
        var card = document.getElementById(event.dataTransfer.getData("text/plain"));
        if (!card) return;
        var from = card.closest("tr[data-week]");
        var offset = isoDay(card.dataset.due) - isoDay(from.dataset.week);
        var due = new Date(isoDay(row.dataset.week) + offset).toISOString().slice(0, 10);
        window.location.assign(card.dataset.moveUrl + "?due_on=" + due);
      });
    });
  }

  function enhance(root) {
    copyButtons(root);
    dragToReschedule(root);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
})();
