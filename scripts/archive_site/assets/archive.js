/* The lean article and source pages (theme/archive-page.html), loaded once
   for the whole site instead of being repeated in every page:
   - the colour scheme: follows the reader's system (prefers-color-scheme)
     and the choice made with Material's switch on any page of the site (the
     same stored value, "__palette"); the header button switches it;
   - a source page's raw text, stored deflated and basE91-encoded
     (data-deflate, archive_site/deflate.py), is inflated with the browser's DecompressionStream
     (works from file://) into a <pre>. */
(function () {
  "use strict";
  var button = document.querySelector(".as-scheme");
  if (button && document.body) {
    var options = JSON.parse(button.getAttribute("data-palette") || "[]");
    var stored = function () {
      try { return typeof __md_get === "function" ? __md_get("__palette") : null; } catch (e) { return null; }
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
        if (typeof __md_set === "function") __md_set("__palette", {index: next, color: color(next)});
      });
    }
  }

  /* basE91 → raw deflate → UTF-8 text (mirror of archive_site/deflate.py;
     search.js has the same decoder for the search index). */
  var B91 = new Int16Array(128).fill(-1);
  for (var c = 0x21, n = 0; c < 0x7f; c++) if (c !== 0x22 && c !== 0x26 && c !== 0x5c) B91[c] = n++;

  function unbase91(text) {
    var out = new Uint8Array(Math.ceil(text.length * 14 / 16) + 1), o = 0;
    var value = -1, queue = 0, bits = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = B91[text.charCodeAt(i)];
      if (value < 0) { value = digit; continue; }
      value += digit * 91;
      queue |= value << bits;
      bits += (value & 8191) > 88 ? 13 : 14;
      while (bits > 7) { out[o++] = queue & 255; queue >>>= 8; bits -= 8; }
      value = -1;
    }
    if (value >= 0) out[o++] = (queue | value << bits) & 255;
    return out.subarray(0, o);
  }

  function inflate(packed) {
    var stream = new Blob([unbase91(packed)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text();
  }

  function showRaw() {
    document.querySelectorAll(".as-raw-packed[data-deflate]").forEach(function (box) {
      inflate(box.getAttribute("data-deflate")).then(function (text) {
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
