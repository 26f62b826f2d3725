// The WebSocket stream /api/stream: snapshot then updates; the viewport is sent on every
// map move; reconnects with a growing delay after a drop or a 'closing' message.
import { get_token } from './auth.js';

/// One live connection to the server's stream, kept open until stop().
export class Stream extends EventTarget {
  constructor(picture) {
    super();
    this.picture = picture;
    this.socket = null;
    this.viewport = null;
    this.retry_ms = 1000;
    this.stopped = false;
    this.state = 'idle';
    this.messages = 0;
    this.timer = null;
  }

  /// Opens the connection (and keeps reopening it).
  start() {
    this.stopped = false;
    this.#open();
  }

  /// Closes it for good (log out).
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close();
    this.socket = null;
    this.#set_state('idle');
  }

  /// Tells the server what is in view: [west, south, east, north] in degrees.
  set_viewport(bbox) {
    this.viewport = bbox.map((value) => Math.round(value * 1e5) / 1e5);
    this.#send_viewport();
  }

  #open() {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const base = new URL('.', window.location.href);
    // The viewport in the URL makes the first snapshot the view's, not the whole picture.
    const bbox = this.viewport ? `&bbox=${this.viewport.join(',')}` : '';
    const url = `${scheme}://${base.host}${base.pathname}api/stream?access_token=${encodeURIComponent(get_token())}${bbox}`;
    this.#set_state('connecting');
    const socket = new WebSocket(url);
    this.socket = socket;
    const sent_viewport = this.viewport;
    socket.addEventListener('open', () => {
      this.retry_ms = 1000;
      this.#set_state('open');
      if (this.viewport !== sent_viewport) this.#send_viewport();
    });
    socket.addEventListener('message', (event) => this.#on_message(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.#set_state('reconnecting');
      this.timer = setTimeout(() => this.#open(), this.retry_ms);
      this.retry_ms = Math.min(this.retry_ms * 2, 15000);
    });
  }

  #send_viewport() {
    if (this.viewport && this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ viewport: this.viewport }));
    }
  }

  #on_message(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    this.messages += 1;
    if (message.type === 'snapshot') {
      this.picture.apply_snapshot(message);
    } else if (message.type === 'update') {
      this.picture.apply_update(message);
    } else if (message.type === 'closing') {
      this.#set_state(`closed by server: ${message.reason || 'no reason'}`);
    }
  }

  #set_state(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
  }
}
