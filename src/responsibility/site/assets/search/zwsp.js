// Search results: the index holds jieba's segments joined by zero-width spaces (U+200B), which
// Material shows as they are. Invisible on screen, they come along when a title or snippet is
// copied; remove them from every result as it is drawn.
(function () {
  "use strict";
  var ZW = /\u200b/g;
  function clean(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.indexOf("\u200b") !== -1) node.nodeValue = node.nodeValue.replace(ZW, "");
    }
  }
  function start() {
    var list = document.querySelector(".md-search-result");
    if (!list) return;
    clean(list);
    new MutationObserver(function () { clean(list); }).observe(list, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
