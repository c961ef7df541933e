// The tracking page's service worker: only so that Android's Chrome can show its "near" and
// "called" notifications (it shows none from a page directly). It handles no fetches.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = event.notification.data?.url;
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((tabs) => {
      const tab = tabs.find((t) => t.url === url);
      if (tab) return tab.focus();
      return url ? self.clients.openWindow(url) : undefined;
    }),
  );
});
