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
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  }

  // Typing a date of the dashboard's period (or comparison) makes it a custom one.
  function customDates(root) {
    root.querySelectorAll("form.report-filters").forEach(function (form) {
      if (form.dataset.datesBound) return;
      form.dataset.datesBound = "1";
      form.addEventListener("change", function (event) {
        var name = event.target.name, choice = null;
        if (name === "start" || name === "end") choice = form.querySelector("select[name=period]");
        if (name === "compare_start" || name === "compare_end") choice = form.querySelector("select[name=compare]");
        if (choice) choice.value = "custom";
      }, true);
    });
  }

  function enhance(root) {
    autosubmit(root);
    customDates(root);
    drawCharts(root);
    confirmations(root);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
  window.SocialCRM = { enhance: enhance, drawCharts: drawCharts };
})();
