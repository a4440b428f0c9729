// Behaviour that would otherwise need inline script (the CSP forbids it).
(function () {
  "use strict";

  function autosubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      if (select.dataset.bound) return;
      select.dataset.bound = "1";
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  // Charts: <div data-chart="ID"> plus <script type="application/json" id="ID">{figure}</script>.
  function drawCharts(root) {
    if (typeof window.Plotly === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source) return;
      var figure = JSON.parse(source.textContent);
      var config = Object.assign({ responsive: true, displaylogo: false }, figure.config || {});
      window.Plotly.react(el, figure.data || [], figure.layout || {}, config);
    });
  }

  function confirmations(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      form.addEventListener("submit", function (event) {
        // data-confirm-when="field=value": ask only when that choice is the one being submitted.
        var when = (form.dataset.confirmWhen || "").split("=");
        if (when.length === 2 && form.elements[when[0]] && form.elements[when[0]].value !== when[1]) return;
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  }

  function enhance(root) {
    autosubmit(root);
    drawCharts(root);
    confirmations(root);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
  window.SocialCRM = { enhance: enhance, drawCharts: drawCharts };
})();
