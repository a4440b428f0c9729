// Feedback: live SLA countdowns and the copy button for partner links (no inline script: CSP).
(function () {
  "use strict";

  var SOON_MS = 2 * 60 * 60 * 1000;

  // units: translated "d h m" from the template, so the countdown speaks the page's language.
  function duration(ms, units) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60);
    if (days) return days + units[0] + " " + hours + units[1];
    if (hours) return hours + units[1] + " " + (minutes % 60) + units[2];
    return (minutes % 60) + units[2];
  }

  function tick(root) {
    var now = Date.now();
    root.querySelectorAll("time[data-countdown]").forEach(function (el) {
      var left = new Date(el.getAttribute("datetime")).getTime() - now;
      if (isNaN(left)) return;
      var template = left < 0 ? el.dataset.overdue : el.dataset.left;
      el.textContent = template.replace("%s", duration(left, (el.dataset.units || "d h m").split(" ")));
      el.classList.toggle("breached", left < 0);
      el.classList.toggle("soon", left >= 0 && left < SOON_MS);
    });
  }

  function copyButtons(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      if (button.dataset.bound) return;
      button.dataset.bound = "1";
      button.addEventListener("click", function () {
        var input = document.querySelector(button.dataset.copy);
        input.select();
        if (navigator.clipboard) navigator.clipboard.writeText(input.value);
      });
    });
  }

  function enhance(root) { tick(root); copyButtons(root); }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    window.setInterval(function () { tick(document); }, 30000);
  });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
})();
