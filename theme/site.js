// Offline reading: over http(s) the service worker keeps the digest's pages; from disk it is not used.
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  var root = document.querySelector("link[rel=manifest]").getAttribute("href").replace("manifest.webmanifest", "");
  navigator.serviceWorker.register(root + "sw.js").catch(function () {});
}
