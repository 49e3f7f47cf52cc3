/* The site opened from disk (file://), and a search index split by section.
 *
 * Loaded in <head>, before Material's bundle:
 * - a page that names its section's index (<meta name="rsp-search-index">) has Material read that
 *   index instead of the whole site's: its request for search/search_index.json is redirected,
 *   and from disk the index's script (the same index as `var __index = ...`) is loaded here;
 * - from disk, a Web Worker cannot be started from a file (Chromium refuses it), so Material's
 *   search worker runs in a hidden frame of the page instead (Material's worker knows this
 *   arrangement by the name IFrameWorker and then loads its language files from the frame);
 * - from disk, a link to a folder (regulations/central/) opens that folder's index.html rather
 *   than the browser's listing of the folder;
 * - from disk, Material does not draw the diagrams and Mermaid's own start-on-load does: it reads
 *   a <pre class="mermaid"> as it is, and the <code> inside it (Material's fence format) is a
 *   syntax error to it. The diagram's text is put in the <pre> itself before Mermaid starts.
 */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="rsp-search-index"]');
  var fromDisk = location.protocol === "file:";
  if (meta) {
    var shard = new URL(meta.getAttribute("content"), location.href).href;
    if (fromDisk) {
      document.write('<script src="' + shard.replace(/\.json$/, ".js") + '"><\/script>');
    } else {
      var open = XMLHttpRequest.prototype.open;
      XMLHttpRequest.prototype.open = function (method, url) {
        var args = Array.prototype.slice.call(arguments);
        if (/\/search\/search_index\.json$/.test(String(url))) args[1] = shard;
        return open.apply(this, args);
      };
    }
  }
  if (!fromDisk) return;

  function load(frame, src) {
    return new Promise(function (resolve, reject) {
      var script = frame.document.createElement("script");
      script.src = new URL(src, location.href).href;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      frame.document.head.appendChild(script);
    });
  }

  function IFrameWorker(url) {
    var self = this;
    var target = document.createDocumentFragment();
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.queue = [];
    this.ready = false;
    var iframe = document.createElement("iframe");
    iframe.hidden = true;
    iframe.setAttribute("aria-hidden", "true");
    (document.body || document.documentElement).appendChild(iframe);
    this.iframe = iframe;
    var frame = iframe.contentWindow;
    frame.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () { return load(frame, src); });
      }, Promise.resolve());
    };
    frame.postMessage = function (data) {
      setTimeout(function () {
        var event = new MessageEvent("message", { data: data });
        self.dispatchEvent(event);
        if (typeof self.onmessage === "function") self.onmessage(event);
      });
    };
    load(frame, url).then(function () {
      self.ready = true;
      self.queue.splice(0).forEach(function (data) { self.postMessage(data); });
    });
  }
  IFrameWorker.prototype.postMessage = function (data) {
    if (!this.ready) {
      this.queue.push(data);
      return;
    }
    var frame = this.iframe.contentWindow;
    setTimeout(function () {
      frame.dispatchEvent(new frame.MessageEvent("message", { data: data }));
    });
  };
  IFrameWorker.prototype.terminate = function () {
    this.iframe.remove();
  };
  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("pre.mermaid > code").forEach(function (code) {
      code.parentNode.textContent = code.textContent;
    });
  });

  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element ? ev.target.closest("a[href]") : null;
    if (!link || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey) return;
    var to = new URL(link.getAttribute("href"), location.href);
    if (to.protocol === "file:" && to.pathname.slice(-1) === "/") {
      to.pathname += "index.html";
      ev.preventDefault();
      location.href = to.href;
    }
  }, true);
})();
