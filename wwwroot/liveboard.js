// Starts Blazor with reconnection that never gives up, and recovers by itself when the server was
// restarted: the 9.0 client script only toggles classes on #components-reconnect-modal
// (…-show, -hide, -failed, -rejected) and, with a page-supplied element, never reloads. A wall
// that nobody touches for months needs both.
(() => {
  const banner = () => document.getElementById('components-reconnect-modal');
  let reloading = false;

  async function reloadWhenServerAnswers() {
    if (reloading) return;
    reloading = true;
    for (;;) {
      try {
        const response = await fetch(location.href, { cache: 'no-store' });
        if (response.ok) { location.reload(); return; }
      } catch { /* still down */ }
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  }

  function watch(element) {
    new MutationObserver(() => {
      const classes = element.classList;
      const state = classes.contains('components-reconnect-rejected') ? 'rejected'
        : classes.contains('components-reconnect-failed') ? 'failed'
        : classes.contains('components-reconnect-show') ? 'reconnecting' : 'connected';
      document.documentElement.dataset.connection = state;
      // Rejected: the server no longer knows this circuit (it restarted). Failed: retries ran out.
      if (state === 'rejected' || state === 'failed') reloadWhenServerAnswers();
    }).observe(element, { attributes: true, attributeFilter: ['class'] });
  }

  const element = banner();
  if (element) watch(element);
  Blazor.start({
    circuit: { reconnectionOptions: { maxRetries: 1000000, retryIntervalMilliseconds: 2000 } },
  });
})();
