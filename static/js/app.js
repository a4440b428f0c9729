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

  // The chart toolbar, hover hints and date names in the reader's language: the zh-CN locale is
  // registered by static/js/plotly-locale-zh-cn.js (templates/_plotly.html loads both).
  function chartLocale() {
    return (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0 ? "zh-CN" : "en";
  }

  // Charts: <div data-chart="ID"> plus <script type="application/json" id="ID">{figure}</script>.
  function drawCharts(root) {
    if (typeof window.Plotly === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source) return;
      var figure = JSON.parse(source.textContent);
      var config = Object.assign({ responsive: true, displaylogo: false, locale: chartLocale() }, figure.config || {});
      window.Plotly.react(el, figure.data || [], figure.layout || {}, config);
      if (el.dataset.drill && !el.dataset.drillBound) {
        el.dataset.drillBound = "1";
        el.on("plotly_click", function (event) { drill(el, event); });
      }
    });
  }

  // Clicking a bar narrows the dashboard to its key, through htmx so the URL and history follow.
  function drill(el, event) {
    var point = (event.points || []).filter(function (p) { return p.customdata; })[0];
    var key = point && point.customdata;
    if (!key || typeof window.htmx === "undefined") return;
    var link = document.createElement("a");
    var url = el.dataset.drill + encodeURIComponent(key);
    link.setAttribute("href", url);
    link.setAttribute("hx-get", url);
    link.setAttribute("hx-target", "#dashboard-page");
    link.setAttribute("hx-select", "#dashboard-page");
    link.setAttribute("hx-swap", "outerHTML");
    link.setAttribute("hx-push-url", "true");
    link.hidden = true;
    document.body.appendChild(link);
    link.addEventListener("htmx:afterRequest", function () { link.remove(); });
    window.htmx.process(link);
    link.click();
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

  // A saved view takes the filters in the address bar (htmx keeps it current).
  function saveViewQuery(root) {
    root.querySelectorAll("form.save-view").forEach(function (form) {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      form.addEventListener("submit", function () {
        form.querySelector("input[name=query]").value = window.location.search.replace(/^\?/, "");
      });
    });
  }

  // Filters stay open on wide screens and without JavaScript; a phone shows them behind their summary.
  function collapseOnPhone(root) {
    if (!window.matchMedia("(max-width: 760px)").matches) return;
    root.querySelectorAll("details[data-collapse-on-phone]").forEach(function (details) {
      if (details.dataset.collapsed) return;
      details.dataset.collapsed = "1";
      details.open = false;
    });
  }

  function enhance(root) {
    collapseOnPhone(root);
    autosubmit(root);
    saveViewQuery(root);
    customDates(root);
    drawCharts(root);
    confirmations(root);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function () { enhance(document); });
  window.SocialCRM = { enhance: enhance, drawCharts: drawCharts };
})();
