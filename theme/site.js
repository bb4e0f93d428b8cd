// Offline reading: over http(s) the service worker keeps the digest's pages; from disk it is not used.
if ("serviceWorker" in navigator && location.protocol.startsWith("http") && document.currentScript) {
  navigator.serviceWorker.register(new URL("../sw.js", document.currentScript.src)).catch(function () {});
}
