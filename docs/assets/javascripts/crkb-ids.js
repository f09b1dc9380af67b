/* Translators' view: open any page with ?ids to see the id (msgctxt) of every string on it,
   then `crkb find` or the id leads to the entry in the catalog. Nothing changes without ?ids. */
(function () {
  if (new URLSearchParams(location.search).has("ids")) {
    document.documentElement.classList.add("crkb-show-ids");
  }
})();
