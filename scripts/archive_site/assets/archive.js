/* The lean article and source pages (theme/archive-page.html), loaded once
   for the whole site instead of being repeated in every page:
   - the colour scheme: follows the reader's system (prefers-color-scheme)
     and the choice made with Material's switch on any page of the site (the
     same stored value, "__palette"); the header button switches it;
   - a source page's raw text, stored packed (data-deflate,
     archive_site/deflate.py), is unpacked into a <pre> by the decoder of
     assets/search/search.js (the one copy: every page loads search.js; it
     uses the browser's DecompressionStream and TextDecoder, which work from
     file://). */
(function () {
  "use strict";
  var button = document.querySelector(".as-scheme");
  if (button && document.body) {
    var options = JSON.parse(button.getAttribute("data-palette") || "[]");
    // Where Material keeps the choice: localStorage["<site root path>.__palette"]
    // (its __md_get/__md_set, with the site root as scope); this script is
    // assets/archive/archive.js, two folders below the root.
    var key = new URL("../../", document.currentScript.src).pathname + ".__palette";
    var stored = function () {
      try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
    };
    var pick = function () {
      var saved = stored();
      if (saved && typeof saved.index === "number" && options[saved.index]) return saved.index;
      for (var i = 0; i < options.length; i++) {
        if (window.matchMedia && matchMedia(options[i][0]).matches) return i;
      }
      return 0;
    };
    var color = function (i) {
      var o = options[i];
      return {media: o[0], scheme: o[1], primary: o[2], accent: o[3]};
    };
    var apply = function (i) {
      var c = color(i);
      for (var key in c) document.body.setAttribute("data-md-color-" + key, c[key]);
      current = i;
    };
    var current = 0;
    if (options.length) {
      apply(pick());
      options.forEach(function (o) {
        if (!window.matchMedia) return;
        var query = matchMedia(o[0]);
        var follow = function () { if (!stored()) apply(pick()); };
        if (query.addEventListener) query.addEventListener("change", follow);
      });
      button.addEventListener("click", function () {
        var next = (current + 1) % options.length;
        apply(next);
        try { localStorage.setItem(key, JSON.stringify({index: next, color: color(next)})); } catch (e) { /* private mode */ }
      });
    }
  }

  function showRaw() {
    var search = window.gxqSearch;      // the decoder is search.js's (loaded on every page, before DOMContentLoaded)
    if (!search) return;
    document.querySelectorAll(".as-raw-packed[data-deflate]").forEach(function (box) {
      search.api.inflateText(box.getAttribute("data-deflate")).then(function (text) {
        var pre = document.createElement("pre"), code = document.createElement("code");
        code.className = "language-text";
        code.textContent = text;
        pre.appendChild(code);
        box.textContent = "";
        box.appendChild(pre);
        box.removeAttribute("data-deflate");
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showRaw);
  else showRaw();
})();
