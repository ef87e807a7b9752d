// The programme editor: blocks move by dragging, with their arrows or with Alt+Up/Down, and
// the times follow at once; a changed duration counts right away. Without script the arrows
// and the Save buttons post as ordinary forms.
(function () {
  "use strict";
  var list = document.querySelector(".programme-list[data-reorder]");
  if (!list) return;
  var reorderForm = document.getElementById(list.getAttribute("data-reorder"));
  var status = document.getElementById("programme-status");

  function minutesOf(text) {
    var parts = text.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }
  function clock(total) {
    var h = Math.floor(total / 60) % 24, m = total % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }
  function blocks() { return Array.prototype.slice.call(list.querySelectorAll(".programme-block")); }

  // Start and end of every block from the evening's start, the planned end marked.
  function retime() {
    var at = minutesOf(list.getAttribute("data-start"));
    var end = minutesOf(list.getAttribute("data-end"));
    blocks().forEach(function (block, index, all) {
      var input = block.querySelector(".minutes-input");
      var length = parseInt(input ? input.value : block.getAttribute("data-minutes"), 10) || 0;
      block.querySelector(".programme-block__time").textContent = clock(at) + "–" + clock(at + length);
      block.classList.toggle("programme-block--over", at + length > end);
      at += length;
      var up = block.querySelector('[data-move="-1"]'), down = block.querySelector('[data-move="1"]');
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === all.length - 1;
    });
  }

  function send(form) {
    return fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
  }
  function saveOrder(moved) {
    reorderForm.elements.order.value = blocks().map(function (b) { return b.getAttribute("data-id"); }).join(",");
    send(reorderForm).then(function (response) {
      if (!response.ok) window.location.reload();
    }, function () { reorderForm.submit(); });
    if (moved && status) {
      var title = moved.getAttribute("aria-label");
      var position = blocks().indexOf(moved) + 1;
      status.textContent = title + ": " + position + "/" + blocks().length + ", " +
        moved.querySelector(".programme-block__time").textContent;
    }
  }
  function move(block, step) {
    var all = blocks(), index = all.indexOf(block), target = all[index + step];
    if (!target) return;
    if (step < 0) list.insertBefore(block, target); else list.insertBefore(target, block);
    retime();
    saveOrder(block);
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-move]");
    if (!button) return;
    event.preventDefault();
    var block = button.closest(".programme-block");
    move(block, parseInt(button.getAttribute("data-move"), 10));
    var same = block.querySelector('[data-move="' + button.getAttribute("data-move") + '"]');
    (same && !same.disabled ? same : block).focus();
  });
  list.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    var block = event.target.closest(".programme-block");
    if (!block) return;
    event.preventDefault();
    move(block, event.key === "ArrowUp" ? -1 : 1);
    event.target.focus();
  });

  // Durations: the times follow while typing; the new duration is saved when it is left.
  list.addEventListener("input", function (event) {
    if (event.target.classList.contains("minutes-input")) retime();
  });
  list.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.classList.contains("minutes-input")) return;
    if (!input.checkValidity()) { input.form.requestSubmit(); return; }  // the server explains
    send(input.form).then(function (response) { if (!response.ok) window.location.reload(); });
  });

  // Drag and drop.
  var dragged = null;
  blocks().forEach(function (block) {
    block.setAttribute("draggable", "true");
    block.classList.add("programme-block--draggable");
  });
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest(".programme-block");
    if (!dragged) return;
    dragged.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-id"));
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) return;
    event.preventDefault();
    var over = event.target.closest(".programme-block");
    if (!over || over === dragged) return;
    var box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
    retime();
  });
  list.addEventListener("drop", function (event) { event.preventDefault(); });
  list.addEventListener("dragend", function () {
    if (!dragged) return;
    dragged.classList.remove("is-dragging");
    saveOrder(dragged);
    dragged = null;
  });
})();
