/* 高新区报刊文库 — full-text search client.
 *
 * Exact substring search over a positional character-bigram index built at
 * site build time (scripts/archive_site/search/builder.py, which documents
 * the file formats). Index files are JavaScript files that call
 * gxqSearchData(name, data); they are loaded on demand with <script> tags so
 * search works from file:// as well as over HTTP.
 *
 * Page text is data: everything shown is built with DOM text nodes, never
 * innerHTML.
 */
(function (root) {
  "use strict";

  /* ---------------- codec (mirror of codec.py) ---------------- */
  var ALPHABET = "";
  for (var c = 0x21; c < 0x7f; c++) {
    if (c !== 0x22 && c !== 0x5c) ALPHABET += String.fromCharCode(c);
  }
  var BASE = ALPHABET.length / 2;
  var DIGIT = new Int16Array(128).fill(-1);
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

  /** All numbers of an encoded stream, as a plain array. */
  function decode(text) {
    var out = [];
    var value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charCodeAt(i)];
      if (d >= BASE) {
        value += (d - BASE) * scale;
        scale *= BASE;
      } else {
        out.push(value + d * scale);
        value = 0;
        scale = 1;
      }
    }
    return out;
  }

  /** All numbers of a position stream (codec.decode_positions): the first character
   *  says the length, 40 one-character values, 49 leading two, 2 leading three, the
   *  last a base-46 number beyond. */
  var P_TWO = 40, P_THREE = 89, P_TWO_FROM = 40, P_THREE_FROM = 40 + 49 * 92, P_BEYOND = P_THREE_FROM + 2 * 92 * 92;
  function decodePositions(text) {
    var out = [], i = 0, n = text.length;
    while (i < n) {
      var d = DIGIT[text.charCodeAt(i)];
      if (d < P_TWO) { out.push(d); i += 1; }
      else if (d < P_THREE) { out.push(P_TWO_FROM + (d - P_TWO) * 92 + DIGIT[text.charCodeAt(i + 1)]); i += 2; }
      else if (d < 91) {
        out.push(P_THREE_FROM + ((d - P_THREE) * 92 + DIGIT[text.charCodeAt(i + 1)]) * 92 + DIGIT[text.charCodeAt(i + 2)]);
        i += 3;
      } else {
        var value = 0, scale = 1;
        for (i++; i < n; i++) {
          var e = DIGIT[text.charCodeAt(i)];
          if (e >= BASE) { value += (e - BASE) * scale; scale *= BASE; }
          else { value += e * scale; i++; break; }
        }
        out.push(P_BEYOND + value);
      }
    }
    return out;
  }

  /* ---------------- folding (mirror of fold.py) ---------------- */
  /** A folder: code point → casefold(NFKC(code point)). */
  function makeFolder(casefold) {
    var cache = new Map();
    function foldChar(ch) {
      var f = cache.get(ch);
      if (f === undefined) {
        f = "";
        for (var y of ch.normalize("NFKC")) {
          f += Object.prototype.hasOwnProperty.call(casefold, y) ? casefold[y] : y.toLowerCase();
        }
        cache.set(ch, f);
      }
      return f;
    }
    function fold(text) {
      var out = "";
      for (var ch of text) out += foldChar(ch);
      return out;
    }
    /** Folded text plus, per folded UTF-16 unit, the source range it came from. */
    function foldWithMap(text) {
      var out = "", from = [], to = [];
      var i = 0;
      for (var ch of text) {
        var f = foldChar(ch);
        for (var k = 0; k < f.length; k++) { from.push(i); to.push(i + ch.length); }
        out += f;
        i += ch.length;
      }
      return { text: out, from: from, to: to };
    }
    /** Folded, whitespace-separated, de-duplicated terms. */
    function terms(query) {
      var seen = [];
      fold(query.normalize("NFC")).split(/\s+/).forEach(function (t) {
        if (t && seen.indexOf(t) < 0) seen.push(t);
      });
      return seen;
    }
    return { fold: fold, foldWithMap: foldWithMap, terms: terms };
  }

  /* ---------------- engine ---------------- */
  function keyHash(key) {
    var h = 0x811c9dc5;
    for (var ch of key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }

  var EMPTY = { docs: [], counts: [], title: [] };

  /**
   * A search engine over an index. `load(name)` returns a promise of the data
   * of one index file, or null when the file does not exist. The per-article
   * table (docs.js) loads while the query's keys are looked up; `ready`
   * resolves when it is read.
   */
  function Engine(load, manifest) {
    var self = this;
    this.load = load;
    this.manifest = manifest;
    this.folder = makeFolder(manifest.casefold || {});
    this.shards = manifest.shards;
    this.maxGram = manifest.maxGram || 2;
    this.width = (manifest.shards - 1).toString(16).length;
    this.postingCache = new Map();
    this.positionCache = new Map();
    this.docShards = new Map();
    this.packedShards = manifest.docShards === PACKING;
    this.ready = load("docs").then(function (table) {
      if (table == null) throw new Error("search index incomplete");
      self.readDocTable(decode(table));
      return self;
    });
  }

  Engine.prototype.readDocTable = function (t) {
    var n = this.manifest.docs;
    this.dateRank = new Int32Array(n);
    this.titleStart = new Int32Array(n);   // the title comes last in the indexed text
    this.year = new Int32Array(n);
    this.zones = new Array(n);
    this.topics = new Array(n);
    var i = 0;
    for (var d = 0; d < n; d++) {
      this.dateRank[d] = t[i]; this.titleStart[d] = t[i + 1]; this.year[d] = t[i + 2];
      var nz = t[i + 3]; this.zones[d] = t.slice(i + 4, i + 4 + nz); i += 4 + nz;
      var nt = t[i]; this.topics[d] = t.slice(i + 1, i + 1 + nt); i += 1 + nt;
    }
  };

  Engine.prototype.shardName = function (kind, key) {
    var s = (keyHash(key) & (this.shards - 1)).toString(16);
    while (s.length < this.width) s = "0" + s;
    return kind + "/" + s;
  };

  /** The d shard holding a key: its JSON, stored deflated (inflated once per shard). */
  Engine.prototype.docShard = function (key) {
    var name = this.shardName("d", key), packed = this.packedShards;
    if (!this.docShards.has(name)) {
      this.docShards.set(name, this.load(name).then(function (data) {
        return packed && typeof data === "string" ? inflateText(data).then(JSON.parse) : data;
      }));
    }
    return this.docShards.get(name);
  };

  /** {docs, counts, title} of one key (a code point or a bigram). */
  Engine.prototype.postings = function (key) {
    var self = this;
    if (!this.postingCache.has(key)) {
      this.postingCache.set(key, this.docShard(key).then(function (shard) {
        if (!shard || !Object.prototype.hasOwnProperty.call(shard, key)) return EMPTY;
        var nums = decode(shard[key]);
        var n = nums.length / 2, docs = new Int32Array(n), counts = new Int32Array(n), title = new Uint8Array(n);
        var doc = -1;
        for (var j = 0; j < n; j++) {
          doc += nums[2 * j];
          docs[j] = doc; counts[j] = nums[2 * j + 1] >> 1; title[j] = nums[2 * j + 1] & 1;
        }
        return { docs: docs, counts: counts, title: title };
      }));
    }
    return this.postingCache.get(key);
  };

  /** Absolute positions of a bigram (flat) and, per posting, their start index. */
  Engine.prototype.positions = function (key, post) {
    var self = this;
    if (!this.positionCache.has(key)) {
      this.positionCache.set(key, this.load(this.shardName("p", key)).then(function (shard) {
        var gaps = shard && Object.prototype.hasOwnProperty.call(shard, key) ? decodePositions(shard[key]) : [];
        var flat = new Int32Array(gaps.length), start = new Int32Array(post.docs.length + 1);
        var i = 0;
        for (var j = 0; j < post.docs.length; j++) {
          start[j] = i;
          var pos = 0;
          for (var k = 0; k < post.counts[j]; k++, i++) { pos += gaps[i]; flat[i] = pos; }
        }
        start[post.docs.length] = i;
        return { flat: flat, start: start };
      }));
    }
    return this.positionCache.get(key);
  };

  /** Whether a key is indexed, and whether it is split (its extensions are). */
  Engine.prototype.keyInfo = function (key) {
    return this.docShard(key).then(function (shard) {
      var has = !!shard && Object.prototype.hasOwnProperty.call(shard, key);
      return { has: has, split: has && (shard[""] || []).indexOf(key) >= 0 };
    });
  };

  /**
   * The longest indexed key of `cps` (code points) at `offset`: a bigram,
   * extended while it is split and the term goes on; null if absent.
   */
  Engine.prototype.keyAt = function (cps, offset) {
    var self = this;
    function step(length) {
      var key = cps.slice(offset, offset + length).join("");
      return self.keyInfo(key).then(function (info) {
        if (!info.has) return null;
        if (offset + length >= cps.length || !info.split) return key;
        // A split key: fetch the shards of all its longer prefixes at once.
        var last = Math.min(cps.length - offset, self.maxGram);
        for (var l = length + 1; l <= last; l++) self.keyInfo(cps.slice(offset, offset + l).join(""));
        return step(length + 1);
      });
    }
    return step(2);
  };

  /** [{offset, key}] spelling the whole term, or null when a key is absent. */
  Engine.prototype.cover = function (cps) {
    var self = this, keys = [];
    function next(offset) {
      return self.keyAt(cps, offset).then(function (key) {
        if (key === null) return null;
        keys.push({ offset: offset, key: key });
        var end = offset + Array.from(key).length;
        if (end >= cps.length) return keys;
        return next(Math.min(end, cps.length - 2));
      });
    }
    return next(0);
  };

  /** {docs, counts, title} for one folded term: exact substring matches. */
  Engine.prototype.term = function (term) {
    var self = this;
    var cps = Array.from(term);
    if (cps.length === 1) return this.postings(cps[0]);
    return this.cover(cps).then(function (cover) {
      if (cover === null) return EMPTY;
      var offsets = cover.map(function (c) { return c.offset; });
      var keys = cover.map(function (c) { return c.key; });
      return self.matchKeys(offsets, keys);
    });
  };

  /** Articles where every key occurs at (start + its offset), for some start. */
  Engine.prototype.matchKeys = function (offsets, keys) {
    var self = this;
    return Promise.all(keys.map(function (k) { return self.postings(k); })).then(function (lists) {
      if (lists.length === 1) return lists[0];
      if (lists.some(function (l) { return l.docs.length === 0; })) return EMPTY;
      // Candidates: articles in every list; idx[j][c] = index of candidate c in list j.
      var cand = [], idx = lists.map(function () { return []; });
      var ptr = lists.map(function () { return 0; });
      var first = lists[0];
      for (var a = 0; a < first.docs.length; a++) {
        var doc = first.docs[a], ok = true;
        for (var j = 1; j < lists.length && ok; j++) {
          var l = lists[j];
          while (ptr[j] < l.docs.length && l.docs[ptr[j]] < doc) ptr[j]++;
          ok = ptr[j] < l.docs.length && l.docs[ptr[j]] === doc;
        }
        if (ok) {
          cand.push(doc); idx[0].push(a);
          for (var j2 = 1; j2 < lists.length; j2++) idx[j2].push(ptr[j2]);
        }
      }
      if (!cand.length) return EMPTY;
      var positions = Promise.all(keys.map(function (k, j) { return self.positions(k, lists[j]); }));
      return Promise.all([positions, self.ready]).then(function (r) {
        var pos = r[0];
        var docs = [], counts = [], title = [];
        for (var c = 0; c < cand.length; c++) {
          var hits = 0, lastHit = -1;
          var p0 = pos[0], s0 = p0.start[idx[0][c]], e0 = p0.start[idx[0][c] + 1];
          var cur = offsets.map(function (o, j) { return pos[j].start[idx[j][c]]; });
          for (var s = s0; s < e0; s++) {
            var p = p0.flat[s], all = true;
            for (var j3 = 1; j3 < offsets.length && all; j3++) {
              var want = p + offsets[j3], pj = pos[j3], end = pj.start[idx[j3][c] + 1];
              while (cur[j3] < end && pj.flat[cur[j3]] < want) cur[j3]++;
              all = cur[j3] < end && pj.flat[cur[j3]] === want;
            }
            if (all) { hits++; lastHit = p; }
          }
          if (hits) {
            docs.push(cand[c]); counts.push(hits);
            title.push(lastHit >= self.titleStart[cand[c]] ? 1 : 0);
          }
        }
        return { docs: docs, counts: counts, title: title };
      });
    });
  };

  /**
   * Ranked hits for a query and facet filters {zone, topic, year} (ids; year
   * is the year itself). Returns {terms, hits: [{doc, count, titleTerms}], all}
   * where `all` are the hits before facet filtering (for facet counts).
   */
  Engine.prototype.search = function (query, filters) {
    var self = this;
    filters = filters || {};
    var terms = this.folder.terms(query);
    var n = this.manifest.docs;
    var found;
    if (!terms.length) {
      var every = [];
      for (var d = 0; d < n; d++) every.push({ doc: d, count: 0, titleTerms: 0 });
      found = this.ready.then(function () { return every; });
    } else {
      found = Promise.all(terms.map(function (t) { return self.term(t); })).then(function (results) {
        var count = new Int32Array(n), titles = new Int32Array(n), seen = new Int32Array(n);
        results.forEach(function (r) {
          for (var j = 0; j < r.docs.length; j++) {
            seen[r.docs[j]]++; count[r.docs[j]] += r.counts[j]; titles[r.docs[j]] += r.title[j];
          }
        });
        var hits = [];
        for (var d2 = 0; d2 < n; d2++) {
          if (seen[d2] === terms.length) hits.push({ doc: d2, count: count[d2], titleTerms: titles[d2] });
        }
        return hits;
      });
    }
    return Promise.all([found, this.ready]).then(function (r) {
      var all = r[0];
      all.sort(function (a, b) {
        return (b.titleTerms - a.titleTerms) || (b.count - a.count) ||
          (self.dateRank[b.doc] - self.dateRank[a.doc]) || (a.doc - b.doc);
      });
      var hits = all.filter(function (h) { return self.matchesFacets(h.doc, filters); });
      return { terms: terms, hits: hits, all: all };
    });
  };

  Engine.prototype.matchesFacets = function (doc, f) {
    if (f.zone != null && this.zones[doc].indexOf(f.zone) < 0) return false;
    if (f.topic != null && this.topics[doc].indexOf(f.topic) < 0) return false;
    if (f.year != null) {
      var y = this.year[doc];
      if (!y || this.manifest.years[y - 1][0] !== f.year) return false;
    }
    return true;
  };

  /** Display metadata of one article: {url, title, date, newspaper, page, zones, topics}. */
  Engine.prototype.meta = function (doc) {
    var size = this.manifest.metaChunk, m = this.manifest;
    return this.load("m/" + Math.floor(doc / size)).then(function (chunk) {
      var r = chunk[doc % size];
      return {
        url: r[0], title: r[1], date: r[2], newspaper: r[3], page: r[4],
        zones: r[5].map(function (z) { return m.zones[z][0]; }),
        topics: r[6].map(function (t) { return m.topics[t][0]; })
      };
    });
  };

  /* ---------------- snippet text (from the article page itself) ----------------
   * The index keeps no copy of the articles' text (format 6): a result's
   * snippet is cut from its article page, fetched over HTTP; from file://,
   * where fetch cannot read files, the page is loaded as a script: an article
   * page is also a classic script (archive_site/search/integration.py,
   * loadable_page) that calls gxqArticle with a function whose source holds
   * the page's HTML in a comment. */

  /** The HTML a loadable page's function carries (between its comment's marks). */
  function pageSource(fn) {
    var s = String(fn), a = s.indexOf("/*"), b = s.lastIndexOf("*/");
    return a >= 0 && b > a ? s.slice(a + 2, b) : "";
  }

  /** The article's own text in a page's HTML: its body, without the header
   *  (title, metadata table) and footer the template adds. */
  function articleText(html) {
    if (!html || typeof DOMParser === "undefined") return "";
    var doc = new DOMParser().parseFromString(html, "text/html");
    var article = doc.querySelector("article");
    if (!article) return "";
    article.querySelectorAll(".as-article-header, .as-article-footer, .md-content__button, script, style")
      .forEach(function (e) { e.remove(); });
    return article.textContent.replace(/^\s+|\s+$/g, "");
  }

  /* ---------------- packed text (mirror of archive_site/deflate.py) ----------------
   * The one copy of the decoder: assets/archive/archive.js uses it for a
   * source page's raw text (window.gxqSearch.api.inflateText). */
  var PACKING = "charset+deflate-raw+base91";
  var CHARSETS = ["utf-8", "gb18030"];    // the first byte of a packed text: its index here
  var B91 = new Int16Array(128).fill(-1);
  (function () {
    var n = 0;
    for (var c = 0x21; c < 0x7f; c++) if (c !== 0x22 && c !== 0x26 && c !== 0x5c) B91[c] = n++;
  })();

  /** basE91 text → bytes. */
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

  /** Bytes as non-final stored deflate blocks (archive_site/rawdiff.py, stored_blocks). */
  function storedBlocks(data) {
    var n = Math.max(1, Math.ceil(data.length / 65535)), out = new Uint8Array(data.length + 5 * n), o = 0;
    for (var i = 0; i < data.length || o === 0; i += 65535) {
      var len = Math.min(65535, data.length - i);
      out[o++] = 0; out[o++] = len & 255; out[o++] = len >>> 8; out[o++] = ~len & 255; out[o++] = (~len >>> 8) & 255;
      out.set(data.subarray(i, i + len), o); o += len;
    }
    return out.subarray(0, o);
  }

  /** basE91 → charset byte + raw deflate → text, with the browser's own DecompressionStream and TextDecoder;
   *  ``dictionary`` (bytes, optional): the preset dictionary it was deflated with (rawdiff.py: put in front
   *  as stored blocks, its bytes dropped from the output). */
  function inflateText(packed, dictionary) {
    var bytes = unbase91(packed), parts = [bytes.subarray(1)], skip = 0;
    if (dictionary) { parts.unshift(storedBlocks(dictionary)); skip = dictionary.length; }
    var decoder = new TextDecoder(CHARSETS[bytes[0]], { fatal: true, ignoreBOM: true });
    var stream = new Blob(parts).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return decoder.decode(new Uint8Array(buffer, skip));
    });
  }

  var FORMAT = 7;

  /** Create an engine from a loader (after the manifest has loaded). */
  function openIndex(load) {
    return load("manifest").then(function (manifest) {
      if (!manifest) throw new Error("search index not found");
      if (manifest.format !== FORMAT) throw new Error("search index format " + manifest.format);
      return new Engine(load, manifest);
    });
  }

  /* ---------------- snippets ---------------- */
  /**
   * Pieces of `text` around the first match: [{text, mark}], at most about
   * `width` characters, with every term occurrence marked.
   */
  function highlight(folder, text, terms, width) {
    var f = folder.foldWithMap(text);
    var ranges = [];
    terms.forEach(function (t) {
      var at = f.text.indexOf(t);
      while (at >= 0 && t.length) {
        ranges.push([f.from[at], f.to[at + t.length - 1]]);
        at = f.text.indexOf(t, at + 1);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    var start = 0, end = text.length;
    if (width && text.length > width) {
      start = merged.length ? Math.max(0, merged[0][0] - Math.floor(width / 4)) : 0;
      end = Math.min(text.length, start + width);
      // never split a surrogate pair
      if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
      if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
    }
    var pieces = [];
    if (start > 0) pieces.push({ text: "…", mark: false });
    var pos = start;
    merged.forEach(function (r) {
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (a >= b) return;
      if (a > pos) pieces.push({ text: text.slice(pos, a), mark: false });
      pieces.push({ text: text.slice(a, b), mark: true });
      pos = b;
    });
    if (pos < end) pieces.push({ text: text.slice(pos, end), mark: false });
    if (end < text.length) pieces.push({ text: "…", mark: false });
    return pieces;
  }

  var api = { decode: decode, decodePositions: decodePositions, makeFolder: makeFolder, keyHash: keyHash,
              Engine: Engine, openIndex: openIndex, highlight: highlight,
              unbase91: unbase91, inflateText: inflateText, pageSource: pageSource, articleText: articleText,
              loadPage: function (url) { return loadPage(url); } };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ================= browser UI ================= */
  var script = document.currentScript;
  var SITE = script.src.replace(/assets\/search\/search\.js(?:[?#].*)?$/, "");
  var DATA = SITE + "fulltext/";
  var SEARCH_PAGE = SITE + ((root.gxqSearchConfig && root.gxqSearchConfig.page) || "search.html");
  var PAGE_SIZE = 10;
  var SNIPPET = 150;
  var L = {
    placeholder: "搜索全文", search: "搜索", allZones: "全部园区", allTopics: "全部主题",
    allYears: "全部年份", zone: "园区", topic: "主题", year: "年份", more: "显示更多",
    loading: "正在搜索…", failed: "搜索索引加载失败。", empty: "请输入要搜索的字词，多个词用空格分隔。",
    page: function (p) { return "第" + p + "版"; }
  };

  var store = {}, waiting = {}, build = "";
  /** Receives the data of one index file (called by the file itself). */
  root.gxqSearchData = function (name, data) {
    if (name === "manifest" && data) build = data.build || "";
    store[name] = data;
    if (waiting[name]) waiting[name](data);
  };
  /** Load one index file with a <script> tag; resolves null if it is missing. */
  function loadData(name) {
    if (Object.prototype.hasOwnProperty.call(store, name)) return Promise.resolve(store[name]);
    return new Promise(function (resolve) {
      waiting[name] = resolve;
      var s = document.createElement("script");
      // The manifest is never cached; other files carry its build id, so a
      // browser cannot mix files of two builds.
      s.src = DATA + name + ".js" + (name === "manifest" ? "?t=" + Date.now() : build ? "?v=" + build : "");
      s.async = true;
      s.onerror = function () { store[name] = null; resolve(null); };
      s.onload = function () { if (!(name in store)) { store[name] = null; resolve(null); } s.remove(); };
      document.head.appendChild(s);
    });
  }
  /* An article page from file:// (a script calling gxqArticle) or over HTTP (fetch): its HTML, or null. */
  var pageWaiting = {};
  root.gxqArticle = function (fn) {
    var s = document.currentScript, done = s && pageWaiting[s.src];
    if (done) done(pageSource(fn));
  };
  function loadPage(url) {
    if (/^https?:$/.test(location.protocol)) {
      return fetch(url).then(function (r) { return r.ok ? r.text() : null; }).catch(function () { return null; });
    }
    return new Promise(function (resolve) {
      var s = document.createElement("script");
      s.src = url;
      s.async = true;
      var src = s.src;
      pageWaiting[src] = function (html) { delete pageWaiting[src]; resolve(html); };
      s.onerror = function () { delete pageWaiting[src]; resolve(null); s.remove(); };
      s.onload = function () { delete pageWaiting[src]; resolve(null); s.remove(); };   // no-op after the call
      document.head.appendChild(s);
    });
  }
  var pages = {}, pagesRequested = [];
  function pageText(url) {
    if (!pages[url]) { pagesRequested.push(url); pages[url] = loadPage(url).then(articleText); }
    return pages[url];
  }

  var memo = {}, requested = [];
  function load(name) {
    if (!memo[name]) { requested.push(name); memo[name] = loadData(name); }
    return memo[name];
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function params() {
    var p = new URLSearchParams(location.search);
    return { q: p.get("q") || "", zone: p.get("zone") || "", topic: p.get("topic") || "", year: p.get("year") || "" };
  }

  /* ---- header box: on every page ---- */
  function headerBox() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".gxq-header-search")) return;
    var form = el("form", "gxq-header-search");
    form.action = SEARCH_PAGE;
    form.method = "get";
    form.setAttribute("role", "search");
    var input = el("input", "gxq-header-search__input");
    input.type = "search";
    input.name = "q";
    input.placeholder = L.placeholder;
    input.setAttribute("aria-label", L.placeholder);
    input.autocomplete = "off";
    input.value = document.getElementById("gxq-search") ? params().q : "";
    form.appendChild(input);
    var source = inner.querySelector(".md-header__source");
    inner.insertBefore(form, source);
    // "/" focuses the box (unless the reader is typing somewhere)
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
      }
    });
  }

  /* ---- search page ---- */
  function select(name, label, allLabel, values, current, counts) {
    var s = el("select", "gxq-facet");
    s.name = name;
    s.setAttribute("aria-label", label);
    var all = el("option", null, allLabel);
    all.value = "";
    s.appendChild(all);
    values.forEach(function (v, i) {
      var o = el("option", null, v + (counts ? " (" + (counts[i] || 0) + ")" : ""));
      o.value = String(v);
      if (String(v) === current) o.selected = true;
      s.appendChild(o);
    });
    return s;
  }

  function facetCounts(engine, hits) {
    var m = engine.manifest;
    var zones = new Array(m.zones.length).fill(0), topics = new Array(m.topics.length).fill(0),
        years = new Array(m.years.length).fill(0);
    hits.forEach(function (h) {
      engine.zones[h.doc].forEach(function (z) { zones[z]++; });
      engine.topics[h.doc].forEach(function (t) { topics[t]++; });
      if (engine.year[h.doc]) years[engine.year[h.doc] - 1]++;
    });
    return { zones: zones, topics: topics, years: years };
  }

  function renderForm(box, engine, p, counts) {
    var m = engine.manifest;
    var form = el("form", "gxq-form");
    form.method = "get";
    form.action = SEARCH_PAGE;
    form.setAttribute("role", "search");
    var row = el("div", "gxq-form__row");
    var input = el("input", "gxq-input");
    input.type = "search"; input.name = "q"; input.value = p.q;
    input.placeholder = L.placeholder; input.setAttribute("aria-label", L.placeholder);
    var button = el("button", "md-button md-button--primary gxq-submit", L.search);
    button.type = "submit";
    row.appendChild(input); row.appendChild(button);
    form.appendChild(row);
    var facets = el("div", "gxq-form__facets");
    var name = function (x) { return x[0]; };
    facets.appendChild(select("zone", L.zone, L.allZones, m.zones.map(name), p.zone, counts && counts.zones));
    facets.appendChild(select("topic", L.topic, L.allTopics, m.topics.map(name), p.topic, counts && counts.topics));
    facets.appendChild(select("year", L.year, L.allYears, m.years.map(name), p.year, counts && counts.years));
    facets.querySelectorAll("select").forEach(function (s) {
      s.addEventListener("change", function () { if (form.requestSubmit) form.requestSubmit(); else form.submit(); });
    });
    form.appendChild(facets);
    form.addEventListener("submit", function () {
      // drop empty parameters from the URL
      form.querySelectorAll("select, input").forEach(function (f) { f.disabled = !f.value; });
      setTimeout(function () { form.querySelectorAll("select, input").forEach(function (f) { f.disabled = false; }); }, 0);
    });
    box.appendChild(form);
    return form;
  }

  function appendPieces(parent, pieces) {
    pieces.forEach(function (piece) {
      if (piece.mark) parent.appendChild(el("mark", null, piece.text));
      else parent.appendChild(document.createTextNode(piece.text));
    });
  }

  function renderHit(list, engine, hit, terms) {
    var li = el("li", "gxq-result");
    li.dataset.doc = String(hit.doc);
    list.appendChild(li);
    return engine.meta(hit.doc).then(function (meta) {
      var h = el("h3", "gxq-result__title");
      var a = el("a");
      a.href = SITE + meta.url;
      appendPieces(a, highlight(engine.folder, meta.title, terms, 0));
      h.appendChild(a);
      li.appendChild(h);
      var info = [meta.date, meta.newspaper, meta.page ? L.page(meta.page) : ""]
        .concat(meta.zones).concat(meta.topics).filter(Boolean);
      if (hit.count) info.push("匹配 " + hit.count + " 处");
      li.appendChild(el("div", "gxq-result__meta", info.join(" · ")));
      var snippet = el("p", "gxq-result__snippet");
      li.appendChild(snippet);
      return pageText(SITE + meta.url).then(function (text) {
        appendPieces(snippet, highlight(engine.folder, text || "", terms, SNIPPET));
      });
    });
  }

  function runPage(box) {
    var started = performance.now();
    var p = params();
    box.dataset.state = "loading";
    var status = el("p", "gxq-status", L.loading);
    box.appendChild(status);
    openIndex(load).then(function (engine) {
      var m = engine.manifest;
      var zoneId = m.zones.findIndex(function (z) { return z[0] === p.zone; });
      var topicId = m.topics.findIndex(function (t) { return t[0] === p.topic; });
      var filters = {
        zone: zoneId >= 0 ? zoneId : null,
        topic: topicId >= 0 ? topicId : null,
        year: p.year && /^\d+$/.test(p.year) ? parseInt(p.year, 10) : null
      };
      var hasQuery = engine.folder.terms(p.q).length > 0;
      var hasFilter = filters.zone != null || filters.topic != null || filters.year != null;
      if (!hasQuery && !hasFilter) {
        box.textContent = "";
        renderForm(box, engine, p, null);
        box.appendChild(el("p", "gxq-status", L.empty));
        box.dataset.state = "done";
        box.dataset.count = "0";
        return;
      }
      return engine.search(p.q, filters).then(function (res) {
        box.textContent = "";
        renderForm(box, engine, p, facetCounts(engine, res.all));
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        var what = hasQuery ? "包含“" + res.terms.join("”和“") + "”的文章" : "文章";
        var msg = res.hits.length ? "找到 " + res.hits.length + " 篇" + what + "（" + seconds + " 秒）"
                                  : "没有找到" + what + "。";
        var statusLine = el("p", "gxq-status", msg);
        statusLine.setAttribute("role", "status");
        box.appendChild(statusLine);
        var list = el("ol", "gxq-results");
        box.appendChild(list);
        var shown = 0;
        var more = el("button", "md-button gxq-more", L.more);
        more.type = "button";
        function showMore() {
          var batch = res.hits.slice(shown, shown + PAGE_SIZE);
          shown += batch.length;
          more.style.display = shown >= res.hits.length ? "none" : "";
          return Promise.all(batch.map(function (h) { return renderHit(list, engine, h, res.terms); }));
        }
        more.addEventListener("click", showMore);
        box.appendChild(more);
        box.dataset.count = String(res.hits.length);
        return showMore().then(function () { box.dataset.state = "done"; });
      });
    }).catch(function (err) {
      box.textContent = "";
      box.appendChild(el("p", "gxq-status gxq-status--error", L.failed));
      box.dataset.state = "error";
      if (root.console) console.error(err);
    });
  }

  function init() {
    headerBox();
    var box = document.getElementById("gxq-search");
    if (box) {
      box.textContent = "";
      runPage(box);
    }
  }
  root.gxqSearch = { load: load, requested: requested, pages: pagesRequested, openIndex: function () { return openIndex(load); }, api: api };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : globalThis);
