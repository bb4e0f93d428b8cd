// Offline search over search-index.js (window.DIGEST_SEARCH). Works from file:// (no fetch).
// Index terms are stems; a query word matches the stems that begin it ("crossings" -> "cross")
// and, for a word being typed, the stems it begins ("migr" -> "migrant"). A word that matches
// nothing is read with one edit (a letter left out, added, changed or two swapped) when it or
// its corrected form has five letters or more ("Starmr" -> "Starmer", "bots" -> "boats").
// Words matched are highlighted in the results.
(function () {
  "use strict";
  var index = window.DIGEST_SEARCH;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!index || !input || !list) return;
  // stem -> [[doc, weight], ...], from each story's "stem weight stem weight ..." (no
  // prototype, so a stem such as "constructor" is only ever a stem).
  var terms = Object.create(null);
  index.docs.forEach(function (doc, d) {
    var parts = doc.k ? doc.k.split(" ") : [];
    for (var i = 0; i + 1 < parts.length; i += 2) {
      (terms[parts[i]] || (terms[parts[i]] = [])).push([d, +parts[i + 1]]);
    }
  });
  var stems = Object.keys(terms).sort();
  var total = index.docs.length;

  function words(query) {
    return query.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/).filter(function (w) { return w.length >= 2; });
  }

  // What a stem may be followed by in a word it begins: "cross" begins "crossings", but
  // "star" does not begin "starmr".
  var ENDINGS = Object.create(null);
  ("s es ed d ing ings er ers est ly e y ies ied ion ions al ally ment ments ness ity ive ives "
    + "ation ations ance ence ism ist ists ful less able ate ated ates ating").split(" ")
    .forEach(function (e) { ENDINGS[e] = 1; });

  function matchingStems(word) {
    var found = [];
    for (var k = Math.min(word.length, 3); k <= word.length; k++) {
      var head = word.slice(0, k);
      if (terms[head] && (head === word || (k >= 4 && ENDINGS[word.slice(k)]))) found.push(head);
    }
    if (word.length >= 3) {
      var lo = 0, hi = stems.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (stems[mid] < word) lo = mid + 1; else hi = mid; }
      for (var i = lo; i < stems.length && stems[i].indexOf(word) === 0; i++) found.push(stems[i]);
    }
    return found;
  }

  var letters = "abcdefghijklmnopqrstuvwxyz0123456789";
  // The forms of `word` one edit away that have five letters or more.
  function oneEdit(word) {
    var out = [], i, c;
    for (i = 0; i <= word.length; i++) {
      for (c = 0; c < letters.length; c++) {
        out.push(word.slice(0, i) + letters[c] + word.slice(i));
        if (i < word.length) out.push(word.slice(0, i) + letters[c] + word.slice(i + 1));
      }
      if (i < word.length) out.push(word.slice(0, i) + word.slice(i + 1));
      if (i + 1 < word.length) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    }
    return out.filter(function (w) { return w.length >= 5 && w !== word; });
  }

  // Stems `word` matches: as typed, or else one edit away. Whole stems only for a corrected
  // word, so a typo never reads as the start of something longer.
  function stemsFor(word) {
    var found = matchingStems(word);
    if (found.length || word.length < 4) return found;
    var seen = Object.create(null);
    oneEdit(word).forEach(function (w) {
      for (var k = 4; k <= w.length; k++) {
        var head = w.slice(0, k);
        if (terms[head] && !seen[head] && (k === w.length || ENDINGS[w.slice(k)])) { seen[head] = 1; found.push(head); }
      }
    });
    return found;
  }

  function search(query) {
    var scores = null;
    matched = [];
    words(query).forEach(function (word) {
      var wordScores = {};
      stemsFor(word).forEach(function (stem) {
        matched.push(stem);
        var postings = terms[stem];
        var idf = Math.log(1 + total / postings.length);
        postings.forEach(function (p) {
          var s = p[1] * idf;
          if (!wordScores[p[0]] || wordScores[p[0]] < s) wordScores[p[0]] = s;
        });
      });
      if (scores === null) { scores = wordScores; return; }
      var both = {};
      Object.keys(scores).forEach(function (d) { if (wordScores[d]) both[d] = scores[d] + wordScores[d]; });
      scores = both;
    });
    if (!scores) return [];
    matched.sort(function (a, b) { return b.length - a.length; });
    return Object.keys(scores).map(Number)
      .sort(function (a, b) { return scores[b] - scores[a] || a - b; });
  }

  var matched = [];
  // `text` into `node`, each word that begins with a matched stem in <mark>.
  function highlight(node, text) {
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    var plain = "";
    parts.forEach(function (part, i) {
      var bare = i % 2 ? part.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : "";
      var hit = bare && matched.some(function (stem) { return bare.indexOf(stem) === 0; });
      if (!hit) { plain += part; return; }
      if (plain) { node.appendChild(document.createTextNode(plain)); plain = ""; }
      var mark = document.createElement("mark");
      mark.textContent = part;
      node.appendChild(mark);
    });
    if (plain) node.appendChild(document.createTextNode(plain));
  }

  function show(query) {
    list.textContent = "";
    if (!words(query).length) { status.textContent = ""; return; }
    var hits = search(query);
    status.textContent = hits.length === 0 ? "No stories match \u201c" + query + "\u201d."
      : hits.length + (hits.length === 1 ? " story matches" : " stories match") + " \u201c" + query + "\u201d.";
    hits.slice(0, 50).forEach(function (d) {
      var doc = index.docs[d];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc.u;
      highlight(link, doc.t);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = doc.c + (doc.d ? " \u00b7 " + doc.d : "");
      var snippet = document.createElement("p");
      highlight(snippet, doc.s.length > 220 ? doc.s.slice(0, 217) + "\u2026" : doc.s);
      item.appendChild(link);
      item.appendChild(meta);
      item.appendChild(snippet);
      list.appendChild(item);
    });
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (e) {
    var first = list.querySelector("a");
    if (e.key === "Enter" && first) { e.preventDefault(); first.click(); }
    if (e.key === "ArrowDown" && first) { e.preventDefault(); first.focus(); }
  });
  list.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at >= 0 && at + 1 < links.length) { e.preventDefault(); links[at + 1].focus(); }
    if (e.key === "ArrowUp" && at >= 0) { e.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
})();
