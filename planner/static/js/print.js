// Print pages: the print button prints. The page works without this file (the browser's own
// print command); the button is shown only when scripts run (.js-only).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
