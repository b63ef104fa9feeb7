// Footnote pop-ups: progressive enhancement. Without this script the references are
// plain links to the notes and back; with it, hovering or focusing shows the note.
(function () {
  "use strict";
  var popup = null;
  var owner = null;

  function hide() {
    if (popup) { popup.remove(); popup = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }

  function show(link) {
    var note = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!note) { return; }
    hide();
    popup = document.createElement("div");
    popup.className = "note-popup";
    popup.setAttribute("role", "tooltip");
    popup.id = "note-popup";
    Array.prototype.forEach.call(note.children, function (child) {
      var copy = child.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll(".backref, [id]"), function (el) {
        if (el.classList.contains("backref")) { el.remove(); } else { el.removeAttribute("id"); }
      });
      popup.appendChild(copy);
    });
    var box = link.getBoundingClientRect();
    popup.style.left = Math.max(8, window.scrollX + box.left - 16) + "px";
    popup.style.top = (window.scrollY + box.bottom + 6) + "px";
    document.body.appendChild(popup);
    link.setAttribute("aria-describedby", popup.id);
    owner = link;
  }

  document.querySelectorAll("a[role='doc-noteref']").forEach(function (link) {
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("mouseleave", hide);
    link.addEventListener("blur", hide);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
}());
