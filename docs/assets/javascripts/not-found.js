/* The 404 page: a server that has only the root 404 page (GitHub Pages) shows it, in the
   source language, for every missing address. If the address is under a language's
   folder, go on to that language's own 404 page. The languages are read from the
   language switcher's links (each language's home), so their list stays in mkdocs.yml. */
(function () {
  var root = new URL(typeof __md_scope !== "undefined" ? __md_scope : "/", location.href).pathname;
  if (location.pathname.indexOf(root) !== 0) return;
  var folder = location.pathname.slice(root.length).split("/")[0];
  if (!folder) return;
  var lang = document.documentElement.lang;
  document.querySelectorAll(".md-select a[hreflang]").forEach(function (a) {
    if (a.hreflang !== lang && new URL(a.href).pathname.indexOf(root + folder + "/") === 0) {
      location.replace(root + folder + "/404.html");
    }
  });
})();
