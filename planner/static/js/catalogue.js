// Progressive touches for the catalogue. Every page works without this file.
(function () {
  "use strict";

  // Filters: apply on change, swap results and filters without a full reload.
  var form = document.getElementById("catalogue-filters");
  var timer = null;

  function swap(url, push) {
    var results = document.getElementById("catalogue-results");
    if (results) results.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text().then(function (text) { return [response, text]; }); })
      .then(function (pair) {
        if (!pair[0].ok) { window.location.href = url; return; }
        var doc = new DOMParser().parseFromString(pair[1], "text/html");
        ["catalogue-results", "catalogue-filters"].forEach(function (id) {
          var fresh = doc.getElementById(id);
          var current = document.getElementById(id);
          if (fresh && current) {
            if (id === "catalogue-filters") {
              // Keep the search box the user is typing in; replace only the facets.
              current.querySelectorAll("fieldset.facet").forEach(function (el) { el.remove(); });
              var actions = current.querySelector(".filters__actions");
              fresh.querySelectorAll("fieldset.facet").forEach(function (el) { actions.parentNode.insertBefore(el, actions); });
              var freshActions = fresh.querySelector(".filters__actions");
              if (freshActions && actions) actions.innerHTML = freshActions.innerHTML;
              var toggle = current.querySelector(".filters__toggle");
              var freshToggle = fresh.querySelector(".filters__toggle");
              if (toggle && freshToggle) toggle.innerHTML = freshToggle.innerHTML;
            } else {
              current.replaceWith(fresh);
            }
          }
        });
        if (push) history.pushState({ url: url }, "", url);
      })
      .catch(function () { window.location.href = url; });
  }

  function formUrl() {
    var params = new URLSearchParams();
    // Without the both-countries switch, a school sees its own country: no country chips apply.
    var both = form.querySelector("input[name=both_countries]");
    var ownCountryOnly = both && !both.checked;
    new FormData(form).forEach(function (value, key) {
      if (ownCountryOnly && key === "country") return;
      if (value !== "") params.append(key, value);
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  if (form) {
    form.addEventListener("change", function (event) {
      if (event.target.name === "q") return;
      swap(formUrl(), true);
    });
    form.addEventListener("input", function (event) {
      if (event.target.name !== "q") return;
      clearTimeout(timer);
      timer = setTimeout(function () { swap(formUrl(), true); }, 300);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      swap(formUrl(), true);
    });
    window.addEventListener("popstate", function () { swap(window.location.href, false); });
  }

  // Slide preview: page through the slides one at a time.
  var deck = document.querySelector("[data-slides]");
  if (deck) {
    var slides = Array.prototype.slice.call(deck.querySelectorAll(".slide"));
    if (slides.length > 1) {
      var index = 0;
      var pager = document.createElement("div");
      pager.className = "slides-pager";
      var prev = document.createElement("button");
      var next = document.createElement("button");
      var all = document.createElement("button");
      var status = document.createElement("span");
      status.setAttribute("aria-live", "polite");
      [prev, next, all].forEach(function (b) { b.type = "button"; b.className = "button button--quiet"; });
      prev.textContent = "‹";
      next.textContent = "›";
      prev.setAttribute("aria-label", deck.dataset.prevLabel || "Previous slide");
      next.setAttribute("aria-label", deck.dataset.nextLabel || "Next slide");
      all.textContent = deck.dataset.allLabel || "All slides";
      pager.append(prev, status, next, all);
      deck.querySelector("ol").before(pager);
      var showAll = false;
      function render() {
        slides.forEach(function (slide, i) { slide.hidden = !showAll && i !== index; });
        status.textContent = showAll ? "" : (index + 1) + " / " + slides.length;
        prev.disabled = showAll || index === 0;
        next.disabled = showAll || index === slides.length - 1;
      }
      prev.addEventListener("click", function () { index = Math.max(0, index - 1); render(); });
      next.addEventListener("click", function () { index = Math.min(slides.length - 1, index + 1); render(); });
      all.addEventListener("click", function () { showAll = !showAll; render(); });
      deck.addEventListener("keydown", function (event) {
        if (event.key === "ArrowRight") next.click();
        if (event.key === "ArrowLeft") prev.click();
      });
      render();
    }
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.classList.add("js-only");
    button.addEventListener("click", function () { window.print(); });
  });
})();
