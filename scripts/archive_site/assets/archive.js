/* The lean article and source pages (theme/archive-page.html), loaded once
   for the whole site instead of being repeated in every page:
   - the colour scheme: follows the reader's system (prefers-color-scheme)
     and the choice made with Material's switch on any page of the site (the
     same stored value, "__palette"); the header button switches it;
   - a source page's raw text, stored packed (data-deflate,
     archive_site/deflate.py; in pieces against its articles' pages, data-from,
     archive_site/rawdiff.py), is unpacked into a <pre> by the decoder of
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

  /* CRC-32 of bytes, in eight hex digits (archive_site/rawdiff.py, crc). */
  var CRC = new Int32Array(256);
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    CRC[n] = c;
  }
  function crc(bytes) {
    var c = -1;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 255] ^ (c >>> 8);
    return ("0000000" + ((c ^ -1) >>> 0).toString(16)).slice(-8);
  }

  /* One piece of the raw text: packed alone, or (data-from "k:hash") against the
     text of the page's k-th article (archive_site/rawdiff.py), read from that page. */
  function piece(api, packed, from, links) {
    if (from === "0") return api.inflateText(packed);
    var place = +from.split(":")[0], link = links[place - 1];
    if (!link) return Promise.reject(new Error("no article " + place));
    return api.loadPage(link.href).then(function (html) {
      var text = new TextEncoder().encode(api.articleText(html));
      if (crc(text) !== from.split(":")[1]) throw new Error("article page changed: " + link.href);
      return api.inflateText(packed, text);
    });
  }

  function showRaw() {
    var search = window.gxqSearch;      // the decoder is search.js's (loaded on every page, before DOMContentLoaded)
    if (!search) return;
    var links = Array.prototype.map.call(document.querySelectorAll("ol.as-source-articles > li"),
                                         function (li) { return li.querySelector("a[href]"); });
    document.querySelectorAll(".as-raw-packed[data-deflate]").forEach(function (box) {
      var packed = box.getAttribute("data-deflate").split(" ");
      var froms = (box.getAttribute("data-from") || "0").split(" ");
      Promise.all(packed.map(function (p, i) { return piece(search.api, p, froms[i] || "0", links); }))
        .then(function (texts) {
          var pre = document.createElement("pre"), code = document.createElement("code");
          code.className = "language-text";
          code.textContent = texts.join("");
          pre.appendChild(code);
          box.textContent = "";
          box.appendChild(pre);
          box.removeAttribute("data-deflate");
        }, function () {
          box.textContent = "原始文本的一部分取自本版文章的页面，这些页面已更改或无法读取（原文在 docs/sources/ 下本页的 Markdown 文件中）。";
        });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showRaw);
  else showRaw();
})();
