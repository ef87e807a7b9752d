// Small touches for every page; each page works without them.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // A post button with data-confirm asks first (without script it simply posts).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  // The top bar folds behind a menu button on narrow screens (CSS decides when it shows).
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("topbar-menu");
  if (toggle && menu) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }
  // Long filter lists fold away on a phone, so that the results come first.
  if (window.matchMedia && window.matchMedia("(max-width: 52rem)").matches) {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
      details.open = false;
    });
  }
  document.querySelectorAll("[data-print-page]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // A message shown at the place the page opened on (an entry of the class plan): move the
  // focus there, so that it is read out and the keyboard continues from it.
  if (location.hash.length > 1) {
    var place = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var message = place && (place.querySelector(".entry__message") ||
      (place.parentElement && place.parentElement.querySelector(".entry__message")));
    if (message) message.focus();
  }

  // Forms that remove something ask first (undo still brings it back).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  // Copy buttons next to a read-only link: the clipboard where the browser allows it,
  // otherwise the text is selected so that Ctrl+C copies it.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy") + "-status");
    if (!field) return;
    button.hidden = false;
    function say(text) { if (status) status.textContent = text; }
    function select() {
      field.focus();
      field.select();
      say(button.getAttribute("data-select-message"));
    }
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () {
          say(button.getAttribute("data-done-message"));
        }, select);
      } else {
        select();
      }
    });
  });
})();
