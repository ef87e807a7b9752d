/* Present mode: one slide at a time, moved with the keys a clicker sends; the speaker's
   window (notes, next slide, timer) follows along through a BroadcastChannel, or through
   postMessage between the two windows where that is missing. Works without a network: the
   page holds every slide. */
(function () {
  "use strict";
  var body = document.body;
  if (!body || !body.classList.contains("present")) return;
  body.classList.add("js");

  var slides = Array.prototype.slice.call(document.querySelectorAll("[data-slide]"));
  var total = slides.length;
  if (!total) return;
  var notesView = body.classList.contains("present--notes");
  var index = 0;
  var notesWindow = null;
  var started = Date.now();
  var channel = null;
  try {
    channel = "BroadcastChannel" in window ? new BroadcastChannel(body.dataset.channel) : null;
  } catch (error) {
    channel = null;
  }

  function clamp(value) {
    return Math.max(0, Math.min(total - 1, value));
  }

  function fromHash() {
    var match = /^#slide-(\d+)$/.exec(window.location.hash);
    return match ? clamp(parseInt(match[1], 10) - 1) : 0;
  }

  function titleOf(slide) {
    var heading = slide.querySelector("h2, h3");
    return heading ? heading.textContent.trim() : "";
  }

  function copyOf(slide) {
    var copy = slide.cloneNode(true);
    copy.removeAttribute("id");
    copy.hidden = false;
    var notes = copy.querySelector("[data-slide-notes]");
    if (notes) notes.parentNode.removeChild(notes);
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (element) {
      element.removeAttribute("id");
    });
    Array.prototype.forEach.call(copy.querySelectorAll("a"), function (link) {
      link.setAttribute("tabindex", "-1");
    });
    return copy;
  }

  function renderNotes() {
    var current = document.querySelector("[data-current]");
    var next = document.querySelector("[data-next]");
    var notes = document.querySelector("[data-notes]");
    var end = document.querySelector("[data-end]");
    current.replaceChildren(copyOf(slides[index]));
    if (index + 1 < total) {
      next.replaceChildren(copyOf(slides[index + 1]));
      end.hidden = true;
    } else {
      next.replaceChildren();
      end.hidden = false;
    }
    var source = slides[index].querySelector("[data-slide-notes]");
    if (source) {
      notes.innerHTML = source.innerHTML;
    } else {
      notes.textContent = body.dataset.noNotes || "";
    }
  }

  function show(value, fromOtherWindow) {
    index = clamp(value);
    if (notesView) {
      renderNotes();
    } else {
      slides.forEach(function (slide, number) {
        slide.hidden = number !== index;
      });
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", "#slide-" + (index + 1));
      }
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-count]"), function (element) {
      element.textContent = index + 1 + " / " + total;
    });
    var announce = document.querySelector("[data-announce]");
    if (announce) {
      var label = (body.dataset.countLabel || "{n} / {total}")
        .replace("{n}", String(index + 1))
        .replace("{total}", String(total));
      announce.textContent = label + ": " + titleOf(slides[index]);
    }
    if (!fromOtherWindow) send({ type: "go", index: index });
  }

  function send(message) {
    if (channel) {
      channel.postMessage(message);
      return;
    }
    var other = notesView ? window.opener : notesWindow;
    if (other && !other.closed) other.postMessage(message, window.location.origin);
  }

  function receive(message) {
    if (!message || typeof message !== "object") return;
    if (message.type === "go" && typeof message.index === "number") {
      show(message.index, true);
    } else if (message.type === "hello" && !notesView) {
      send({ type: "go", index: index });
    }
  }

  if (channel) {
    channel.onmessage = function (event) {
      receive(event.data);
    };
  }
  window.addEventListener("message", function (event) {
    if (event.origin === window.location.origin) receive(event.data);
  });

  function say(text) {
    var box = document.querySelector("[data-message]");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    window.setTimeout(function () {
      box.hidden = true;
    }, 6000);
  }

  function openNotes() {
    if (notesView) return;
    var url = body.dataset.notesUrl + "#slide-" + (index + 1);
    notesWindow = window.open(url, "present-notes", "width=1200,height=760");
    if (!notesWindow) say(body.dataset.notesBlocked || "");
  }

  function toggleFullscreen() {
    var root = document.documentElement;
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () {});
    }
  }

  document.addEventListener("fullscreenchange", function () {
    body.classList.toggle("is-fullscreen", Boolean(document.fullscreenElement));
  });

  function leave() {
    if (notesView) {
      window.close();
      return;
    }
    window.location.href = body.dataset.backUrl;
  }

  var actions = {
    next: function () { show(index + 1); },
    prev: function () { show(index - 1); },
    notes: openNotes,
    fullscreen: toggleFullscreen,
    close: leave,
    "reset-timer": function () { started = Date.now(); tick(); }
  };

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!target) return;
    var action = actions[target.dataset.action];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var onControl = event.target && event.target.closest && event.target.closest("button, a");
    if (onControl && (event.key === " " || event.key === "Enter")) return;
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
      case " ":
      case "Spacebar":
      case "n":
      case "N":
        show(index + 1);
        break;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
      case "Backspace":
      case "p":
      case "P":
        show(index - 1);
        break;
      case "Home":
        show(0);
        break;
      case "End":
        show(total - 1);
        break;
      case "s":
      case "S":
        openNotes();
        break;
      case "f":
      case "F":
        if (!notesView) toggleFullscreen();
        break;
      case "Escape":
        if (document.fullscreenElement) return;
        leave();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  function pad(number) {
    return number < 10 ? "0" + number : String(number);
  }

  function tick() {
    var timer = document.querySelector("[data-timer]");
    var clock = document.querySelector("[data-clock]");
    if (!timer) return;
    var seconds = Math.floor((Date.now() - started) / 1000);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    timer.textContent = (hours ? hours + ":" + pad(minutes) : String(minutes)) + ":" + pad(seconds % 60);
    if (clock) {
      var now = new Date();
      clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes());
    }
  }

  show(fromHash(), true);
  if (notesView) {
    tick();
    window.setInterval(tick, 1000);
    send({ type: "hello" });
  }
})();
