// Small touches for every page; each page works without them.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
