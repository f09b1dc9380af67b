/* Show search results in the page's language only: static-i18n builds one index for all
   languages. A result's language is read from its address, using the language switcher's
   own links (so the list of languages stays in mkdocs.yml). */
(function () {
  function languages() {
    var root = new URL(typeof __md_scope !== "undefined" ? __md_scope : "/", location.href);
    var byFolder = {}, fallback = document.documentElement.lang;
    document.querySelectorAll("a[hreflang]").forEach(function (a) {
      var folder = new URL(a.href).pathname.slice(root.pathname.length).split("/")[0];
      if (new URL(a.href).pathname === root.pathname) fallback = a.hreflang;
      byFolder[folder] = a.hreflang;
    });
    return function (url) {
      var folder = url.pathname.slice(root.pathname.length).split("/")[0];
      return byFolder[folder] || fallback;
    };
  }
  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    var languageOf = languages(), lang = document.documentElement.lang;
    new MutationObserver(function () {
      list.querySelectorAll(".md-search-result__item").forEach(function (item) {
        var link = item.querySelector("a");
        item.hidden = !!link && languageOf(new URL(link.href)) !== lang;
      });
    }).observe(list, { childList: true });
  }
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", watch) : watch();
})();
