// digest service worker: the digest's pages read offline. Registered only over http(s);
// pages opened from disk do not use it.{% if whole %} The site is small, so all of it is
// saved on the first visit.{% else %} The site is large: the pages every visit needs first
// are saved on the first visit, and each other page once it has been read.{% endif %}
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

// Network first, so readers see a new build at once; the cache answers when offline, and a
// page never saved says so (not "page not found", which would be false).
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
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit
        || (request.mode === "navigate" ? caches.match("offline.html") : Response.error())))
  );
});
