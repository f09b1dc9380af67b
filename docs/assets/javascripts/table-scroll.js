/* A table wider than the page scrolls sideways inside Material's wrapper. A keyboard can only
   scroll what it can focus, so a wrapper that overflows joins the tab order, as a region
   named by the heading above the table (WCAG 2.1.1); one that fits stays out of the way. */
(function () {
  function heading(wrap) {
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName) && node.id) return node.id;
    }
    var title = document.querySelector(".md-content h1[id]");
    return title ? title.id : null;
  }
  function update(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var id = heading(wrap);
      if (id) wrap.setAttribute("aria-labelledby", id);
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-labelledby");
    }
  }
  function watch() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    var observer = typeof ResizeObserver !== "undefined" ? new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target); });
    }) : null;
    wraps.forEach(function (wrap) {
      update(wrap);
      if (observer) observer.observe(wrap);
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(watch);  // after Material wraps the tables
  else document.addEventListener("DOMContentLoaded", watch);
})();
