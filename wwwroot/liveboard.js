// Starts Blazor with reconnection that never gives up, and recovers by itself when the server was
// restarted. The .NET 10 script tells the page's #components-reconnect-modal what happens with the
// event components-reconnect-state-changed (detail.state: show, retrying, hide, failed, rejected,
// paused, resume-failed) and sets the matching components-reconnect-* class, which app.css uses to
// show the banner. With a page-supplied element the script itself never reloads and, by default,
// gives up after 30 tries; a wall that nobody touches for months needs both, so this file does what
// the .NET 10 template's ReconnectModal.razor.js does, without a button to press.
(() => {
  const banner = document.getElementById('components-reconnect-modal');
  let reloading = false;

  // Reloads once the server answers again (a new circuit on a fresh page); until then the banner stays.
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

  async function resume() {
    try {
      if (await Blazor.resumeCircuit()) return;
    } catch { /* the server is unreachable */ }
    reloadWhenServerAnswers();
  }

  banner?.addEventListener('components-reconnect-state-changed', event => {
    const state = event.detail.state;
    document.documentElement.dataset.connection = state === 'hide' ? 'connected' : state;
    switch (state) {
      // The server no longer knows this circuit (it restarted) and could not resume it.
      case 'rejected':
      // Retries ran out (2 s apart, a million of them), or a paused circuit could not be resumed.
      case 'failed':
      case 'resume-failed':
        reloadWhenServerAnswers();
        break;
      // The circuit was paused (the template offers a Resume button): nobody is there to press it.
      case 'paused':
        resume();
        break;
    }
  });
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
  // A new alert: the chime unless this browser muted it; a notification only while the tab is hidden
  // (on a visible page the snackbar says it already).
  announce(title, body) {
    if (!this.isMuted()) this.chime();
    if (document.hidden) this.notify(title, body);
  },
  isMuted() {
    try { return localStorage.getItem('liveboard-muted') === 'true'; } catch { return false; }
  },
  setMuted(muted) {
    try { localStorage.setItem('liveboard-muted', muted ? 'true' : 'false'); } catch { /* private mode */ }
  },
};

// Print buttons ([data-print]): the content security policy allows no inline handlers.
document.addEventListener('click', event => {
  if (event.target instanceof Element && event.target.closest('[data-print]')) window.print();
});
