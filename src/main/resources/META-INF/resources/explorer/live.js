// New entries as they are committed: Server-Sent Events from /v1/feed/stream. EventSource
// reconnects by itself (sending Last-Event-ID); when it gives up (the server closed or refused
// the stream) we open it again with after = the last position seen, backing off to 30 s.
// A server that shuts down (a deploy, a scale-down) ends each stream with `event: shutdown`,
// data {"after": N}: we close the stream ourselves and open it again from N after a pause with
// jitter, so that its readers do not all land on the remaining servers at the same moment.
const TYPES = ['detention', 'fine', 'ruling', 'bill_reading', 'retraction',
  'actor_revision', 'bill_revision', 'case_revision', 'exchange_rate'];
// The server's own `retry:` on its farewell (FeedStreams.RECONNECT_MILLIS); each reader adds up to as much again.
const SHUTDOWN_PAUSE = 2000;

export function follow(api, after, onEntry, onState) {
  let source = null;
  let last = after;
  let delay = 1000;
  let timer = null;
  let stopped = false;

  const handle = (event) => {
    const position = Number(event.lastEventId);
    if (Number.isFinite(position) && position > last) last = position;
    let entry;
    try { entry = JSON.parse(event.data); } catch (e) { return; }
    if (entry && !entry.redacted) onEntry(entry);
  };

  const reopen = (wait) => {
    source.close();
    clearTimeout(timer);
    timer = setTimeout(open, wait);
  };

  const shutdown = (event) => {
    let farewell = null;
    try { farewell = JSON.parse(event.data); } catch (e) { /* no position: keep ours */ }
    const after = Number(farewell?.after);
    if (Number.isFinite(after) && after > last) last = after;
    onState(false, 'shutdown');
    reopen(SHUTDOWN_PAUSE + Math.random() * SHUTDOWN_PAUSE);
  };

  const open = () => {
    if (stopped) return;
    source = new EventSource(`${api}/v1/feed/stream?after=${last}`);
    source.onopen = () => { delay = 1000; onState(true); };
    source.onmessage = handle;
    for (const type of TYPES) source.addEventListener(type, handle);
    source.addEventListener('shutdown', shutdown);
    source.onerror = () => {
      onState(false);
      if (source.readyState === EventSource.CLOSED) {
        reopen(delay);
        delay = Math.min(delay * 2, 30000);
      }
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (source) source.close();
  };
}
