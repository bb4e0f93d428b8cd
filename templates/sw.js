// digest service worker: once a hosted digest has been visited, its pages read offline.
// Registered only over http(s); pages opened from disk do not use it.
const CACHE = "digest-{{ version }}";
const CORE = [{% for path in core %}"{{ path | safe }}"{% if not loop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(CORE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// Network first, so readers see a new build at once; the cache answers when offline.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only the site's own pages; never the preview server's reload stream or error pages.
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.includes("/__digest/")) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((hit) => hit || caches.match("404.html")))
  );
});
