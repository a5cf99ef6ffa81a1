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

// The alert inbox's chime and browser notifications (opt-in: the browser asks once).
window.liveboard = {
  chime() {
    try {
      const audio = new AudioContext();
      [0, 0.18].forEach((at, i) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = i === 0 ? 880 : 660;
        gain.gain.setValueAtTime(0.2, audio.currentTime + at);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.3);
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + at);
        tone.stop(audio.currentTime + at + 0.3);
      });
    } catch { /* no audio on this device */ }
  },
  async askToNotify() {
    if ('Notification' in window && Notification.permission === 'default') await Notification.requestPermission();
  },
  notify(title, body) {
    if ('Notification' in window && Notification.permission === 'granted') new Notification(title, { body });
  },
};
