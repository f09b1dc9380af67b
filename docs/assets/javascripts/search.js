/* crkb search in the browser: the page's own language's index, queries reduced to the
   keys the index holds, and the highlighting on the page found widened to the forms it uses.
   How the keys are made: scripts/crkb/search/__init__.py.

   Material 9 has no hook for the search index or the query any more (the `__search`
   object of Material 8 was removed in 9.0), so this wraps the one place both pass
   through: the messages to Material's search worker. overrides/main.html loads this
   file before Material's bundle, which creates the worker as it starts. */
(function () {
  "use strict";
  var script = document.currentScript;
  var locale = script && script.getAttribute("data-locale");
  var settings = document.getElementById("__config");
  if (!locale || !settings || typeof Worker === "undefined") return;

  var SETUP = 0, QUERY = 2; // Material's SearchMessageType
  var base = new URL(JSON.parse(settings.textContent).base, location.href);
  var folder = new URL("search/" + encodeURIComponent(locale) + "/", base);
  var forms = new Map(); // folded form → key
  var marks = new Map(); // key → the site's words that have it
  var synonyms = new Map(); // keys of a synonym → keys of its term
  var keys = []; // every key of the site, sorted
  var asked = []; // the keys of the query last sent to the worker

  function load(name) {
    return fetch(new URL(name, folder)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    });
  }
  function loadWords() {
    return load("words.json").then(function (table) {
      Object.keys(table.forms).forEach(function (key) {
        table.forms[key].split(" ").forEach(function (form) { forms.set(form, key); });
      });
      Object.keys(table.marks).forEach(function (key) { marks.set(key, table.marks[key].split(" ")); });
      Object.keys(table.synonyms).forEach(function (k) { synonyms.set(k, table.synonyms[k]); });
      keys = table.keys ? table.keys.split(" ") : [];
    });
  }

  /* The same folding as scripts/crkb/search/text.py: lower case, and the combining marks
     of letters dropped (never those of symbols: ≮ stays ≮), but the breve of й kept. */
  function fold(text) {
    var lowered = text.toLowerCase(), out = "", base = "";
    if (/^[\x00-\x7f]*$/.test(lowered)) return lowered;
    for (var char of lowered.normalize("NFD")) {
      if (!/\p{M}/u.test(char)) {
        base = /\p{L}/u.test(char) ? char : "";
        out += char;
      } else if (!base || (char === "\u0306" && (base === "и" || base === "И"))) {
        out += char;
      }
    }
    return out.normalize("NFC");
  }

  /* Each word of the query becomes its key, and a synonym (one word or several) the keys
     of its glossary term; everything else (quotes, +, -, *) stays as typed. */
  function lemma(word) {
    var folded = fold(word);
    return forms.get(folded) || folded;
  }
  function key(word) {
    return known(lemma(word));
  }
  /* A word the site does not use (`honesty`, where the page says `honest`) is searched by its
     longest beginning that some key of the site has, if that is at least 4 letters and more
     than half the word: related words share their beginning far more often than not. */
  function begins(prefix) {
    var low = 0, high = keys.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (keys[mid] < prefix) low = mid + 1; else high = mid;
    }
    return low < keys.length && keys[low].startsWith(prefix);
  }
  function known(word) {
    var letters = Array.from(word);
    if (!keys.length || begins(word)) return word;
    for (var n = letters.length - 1; n >= Math.max(4, Math.floor(letters.length / 2) + 1); n--) {
      var prefix = letters.slice(0, n).join("");
      if (begins(prefix)) return prefix;
    }
    return word;
  }
  var PLAIN = /^[\p{L}\p{M}\p{N}]*\p{L}[\p{L}\p{M}\p{N}]*$/u, SHORT = 2; // as in keys.py
  function reduceWord(part) {
    if (PLAIN.test(part)) return key(part);
    return part.replace(/[\p{L}\p{M}\p{N}]+/gu, function (w) { return /\p{L}/u.test(w) ? key(w) : w; });
  }
  function synonym(run) {
    if (!run.every(function (part) { return PLAIN.test(part); })) return null;
    var found = run.filter(function (w) { return Array.from(w).length > SHORT; }).map(lemma);
    return found.length ? synonyms.get(found.join(" ")) : null;
  }
  function reduce(query) {
    var parts = query.replace(/[\u055b-\u055e]/g, "").split(/\s+/).filter(Boolean), out = [];
    if (parts.length > 1) { // `с`, `na`, `of` in a phrase: as a prefix each would match half the site
      parts = parts.filter(function (part) { return !PLAIN.test(part) || Array.from(part).length > SHORT; });
    }
    for (var i = 0; i < parts.length; ) {
      var n = Math.min(3, parts.length - i), term = null; // the longest synonym first
      while (n > 0 && !(term = synonym(parts.slice(i, i + n)))) n--;
      out.push(term || reduceWord(parts[i]));
      i += term ? n : 1;
    }
    return out.join(" ");
  }

  var Native = window.Worker;
  function SearchWorker(url, options) {
    var worker = new Native(url, options);
    if (!/\/workers\/search\.[^/]*\.js$/.test(new URL(url, location.href).pathname)) return worker;
    window.Worker = Native; // Material's search worker is the only one to wrap
    var loaded = Promise.all([load("index.json"), loadWords()]); // both at once, as the page starts
    var post = worker.postMessage.bind(worker);
    worker.postMessage = function (message) {
      if (message && message.type === SETUP) {
        loaded.then(function (files) {
          var own = files[0], data = Object.assign({}, message.data);
          data.config = own.config;
          data.docs = own.docs;
          post({ type: SETUP, data: data });
        }, function (error) {
          console.warn("crkb search: using Material's index, because", error);
          post(message);
        });
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        var reduced = reduce(message.data);
        asked = reduced.match(/[\p{L}\p{M}\p{N}]+/gu) || [];
        post({ type: QUERY, data: reduced });
      } else {
        post(message);
      }
    };
    return worker;
  }
  SearchWorker.prototype = Native.prototype;
  window.Worker = SearchWorker;

  /* Material highlights on the page found the query's words (`?h=`); a key there (`sleva`)
     becomes the words of the site that have it (`slevu slevy`), so those are marked too.
     A page listed for its sections alone gets an empty `h` from Material: the query's keys. */
  function widen(terms) {
    var all = new Set(terms);
    terms.forEach(function (term) {
      var exact = marks.get(term);
      if (exact) return exact.forEach(function (w) { all.add(w); });
      var found = 0; // a word typed half-way: the keys it begins
      for (var [key, list] of marks) {
        if (key.startsWith(term) && found++ < 8) list.forEach(function (w) { all.add(w); });
      }
    });
    return Array.from(all).join(" ");
  }
  function rewrite(link) {
    var url = new URL(link.href);
    var terms = (url.searchParams.get("h") || "").split(/\s+/).filter(Boolean);
    if (!terms.length) terms = asked;
    if (!terms.length || link.hasAttribute("data-crkb-h")) return;
    url.searchParams.set("h", widen(terms));
    link.setAttribute("href", url.href);
    link.setAttribute("data-crkb-h", "");
  }
  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function () {
      list.querySelectorAll("a.md-search-result__link").forEach(rewrite);
    }).observe(list, { childList: true, subtree: true });
  }
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", watch) : watch();
})();
