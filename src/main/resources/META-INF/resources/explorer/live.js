// New entries as they are committed: Server-Sent Events from /v1/feed/stream. EventSource
// reconnects by itself (sending Last-Event-ID); when it gives up (the server closed or refused
// the stream) we open it again with after = the last position seen, backing off to 30 s.
const TYPES = ['detention', 'fine', 'ruling', 'bill_reading', 'retraction',
  'actor_revision', 'bill_revision', 'case_revision', 'exchange_rate'];

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

  const open = () => {
    if (stopped) return;
    source = new EventSource(`${api}/v1/feed/stream?after=${last}`);
    source.onopen = () => { delay = 1000; onState(true); };
    source.onmessage = handle;
    for (const type of TYPES) source.addEventListener(type, handle);
    source.onerror = () => {
      onState(false);
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        timer = setTimeout(open, delay);
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
