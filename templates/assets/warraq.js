// Warraq's reading aids. The pages work without this script: note references are plain
// links to the endnotes. With it, a note is previewed beside its reference on hover and on
// keyboard focus; the preview stays while the pointer is over it and closes with Escape.
(function () {
  "use strict";

  var HIDE_DELAY = 300;
  var SHOW_DELAY = 120;
  var preview = null;
  var owner = null;
  var hideTimer = 0;
  var showTimer = 0;

  function noteFor(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
    return id ? document.getElementById(id) : null;
  }

  function ensurePreview() {
    if (preview) return preview;
    preview = document.createElement("div");
    preview.id = "note-preview";
    preview.className = "note-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    preview.addEventListener("mouseenter", cancelHide);
    preview.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(preview);
    return preview;
  }

  function place(link) {
    var box = link.getBoundingClientRect();
    var width = preview.offsetWidth;
    var room = document.documentElement.clientWidth;
    var rtl = getComputedStyle(link).direction === "rtl";
    // Start the preview at the reference's inline start, then keep it inside the window.
    var left = rtl ? box.right - width : box.left;
    left = Math.max(8, Math.min(left, room - width - 8));
    preview.style.left = Math.round(left + window.scrollX) + "px";
    preview.style.top = Math.round(box.bottom + window.scrollY + 6) + "px";
  }

  function show(link) {
    var note = noteFor(link);
    if (!note) return;
    cancelHide();
    ensurePreview();
    if (owner && owner !== link) owner.removeAttribute("aria-describedby");
    owner = link;
    var copy = note.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.querySelectorAll(".fn-back").forEach(function (el) { el.remove(); });
    var number = document.createElement("span");
    number.className = "note-preview-number";
    number.textContent = link.textContent;
    preview.replaceChildren(number);
    Array.prototype.forEach.call(copy.childNodes, function (child) {
      preview.appendChild(child.cloneNode(true));
    });
    preview.lang = note.closest("[lang]") ? note.closest("[lang]").lang : "";
    preview.dir = getComputedStyle(note).direction;
    preview.hidden = false;
    link.setAttribute("aria-describedby", "note-preview");
    place(link);
  }

  function hide() {
    window.clearTimeout(showTimer);
    if (!preview || preview.hidden) return;
    preview.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function scheduleHide() {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  function cancelHide() {
    window.clearTimeout(hideTimer);
  }

  function isReference(el) {
    return el && el.matches && el.matches('a[role="doc-noteref"]');
  }

  document.addEventListener("mouseover", function (event) {
    var link = event.target.closest && event.target.closest('a[role="doc-noteref"]');
    if (!link) return;
    cancelHide();
    window.clearTimeout(showTimer);
    showTimer = window.setTimeout(function () { show(link); }, SHOW_DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    var link = event.target.closest && event.target.closest('a[role="doc-noteref"]');
    if (link && !link.contains(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    if (isReference(event.target)) show(event.target);
    else if (!(preview && preview.contains(event.target))) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (isReference(event.target)) scheduleHide();
  });
  document.addEventListener("click", function (event) {
    if (isReference(event.target.closest && event.target.closest("a"))) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && preview && !preview.hidden) hide();
  });
  window.addEventListener("resize", hide);

  // Opened from disk, a link to a folder shows the folder; point it at the folder's page.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      a.setAttribute("href", href.replace(/^([^#?]*\/)(?=[#?]|$)/, "$1index.html"));
    });
  }
})();
