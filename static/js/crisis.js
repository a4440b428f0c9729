// Crisis dashboard: filter the open-signal table by severity without a reload.
(function () {
  "use strict";

  function bindSeverityFilters(root) {
    root.querySelectorAll("[data-severity-filter]").forEach(function (box) {
      if (box.dataset.bound) return;
      box.dataset.bound = "1";
      var table = document.getElementById(box.dataset.severityFilter);
      var select = box.querySelector("select");
      if (!table || !select) return;
      select.addEventListener("change", function () {
        table.querySelectorAll("tbody tr[data-severity]").forEach(function (row) {
          row.hidden = select.value !== "" && row.dataset.severity !== select.value;
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bindSeverityFilters(document); });
  document.addEventListener("htmx:afterSettle", function (event) { bindSeverityFilters(event.target); });
})();
