// A drawing pad on a canvas the caller hands over: mouse, touch and pen through pointer events.
//
// Strokes are kept in coordinates relative to the pad (0..1), so the picture is independent of
// screen density, page scroll and CSS scaling; they are drawn twice: on the visible canvas at
// device resolution, and on a fixed-size offscreen canvas (black on transparent) that is what
// the model reads, so a drawing is classified the same on every screen.

export class DrawingPad extends EventTarget {
  /**
   * @param {HTMLCanvasElement} canvas  the visible canvas; the pad sets its backing size
   * @param {{lineWidth?: number, resolution?: number, ink?: () => string}} options
   *   lineWidth: pen width as a fraction of the pad's side; resolution: side of the model's
   *   canvas in pixels; ink: colour of visible strokes
   */
  constructor(canvas, { lineWidth = 0.06, resolution = 280, ink = () => '#111' } = {}) {
    super();
    if (!(canvas instanceof HTMLCanvasElement)) throw new TypeError('DrawingPad needs a <canvas>');
    this.canvas = canvas;
    this.lineWidth = lineWidth;
    this.ink = ink;
    this.strokes = [];
    this.picture = null; // a whole picture put on the pad (setPicture), under the strokes
    this.active = null; // pointerId of the stroke being drawn
    this.model = document.createElement('canvas');
    this.model.width = this.model.height = resolution;
    this.modelContext = this.model.getContext('2d', { willReadFrequently: true });
    canvas.style.touchAction = 'none'; // touch draws instead of scrolling the page
    canvas.addEventListener('pointerdown', (e) => this.#down(e));
    canvas.addEventListener('pointermove', (e) => this.#move(e));
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) {
      canvas.addEventListener(type, (e) => this.#up(e));
    }
    this.resize();
  }

  /** True when nothing has been drawn since the last clear. */
  get isEmpty() {
    return this.strokes.length === 0 && !this.picture;
  }

  /** Match the backing store to the canvas's CSS size × devicePixelRatio and redraw. */
  resize() {
    const rect = this.canvas.getBoundingClientRect();
    const ratio = globalThis.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width * ratio));
    const height = Math.max(1, Math.round(rect.height * ratio));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.#redraw();
    }
  }

  /**
   * Put a picture on the pad instead of strokes (the keyboard's way to give the pad a digit):
   * `pixels` are n × n ink values 0..255 (row by row, 255 = full ink), stretched over the pad.
   */
  setPicture(pixels, n) {
    if (pixels.length !== n * n) throw new RangeError(`a picture of ${n} × ${n} needs ${n * n} values, got ${pixels.length}`);
    this.strokes = [];
    this.active = null;
    this.picture = { pixels: Uint8ClampedArray.from(pixels), n };
    this.#redraw();
    this.dispatchEvent(new Event('strokeend'));
  }

  /** Paint again (for example in new theme colours). */
  redraw() {
    this.#redraw();
  }

  /** Remove every stroke. */
  clear() {
    this.strokes = [];
    this.picture = null;
    this.active = null;
    this.#redraw();
    this.dispatchEvent(new Event('clear'));
  }

  /** The model's canvas pixels: `resolution²` RGBA, black ink on transparent. */
  imageData() {
    const { width, height } = this.model;
    return this.modelContext.getImageData(0, 0, width, height);
  }

  #point(e) {
    const rect = this.canvas.getBoundingClientRect();
    return [(e.clientX - rect.left) / rect.width, (e.clientY - rect.top) / rect.height];
  }

  #down(e) {
    if (this.active !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    this.active = e.pointerId;
    this.canvas.setPointerCapture?.(e.pointerId);
    const p = this.#point(e);
    this.strokes.push([p]);
    this.#segment(p, p);
    this.dispatchEvent(new Event('stroke'));
  }

  #move(e) {
    if (e.pointerId !== this.active) return;
    const stroke = this.strokes[this.strokes.length - 1];
    // Fast strokes: the browser merges moves into one event; the merged ones keep the line whole.
    const events = e.getCoalescedEvents?.() ?? [];
    for (const ev of events.length ? events : [e]) {
      const p = this.#point(ev);
      this.#segment(stroke[stroke.length - 1], p);
      stroke.push(p);
    }
    this.dispatchEvent(new Event('stroke'));
  }

  #up(e) {
    if (e.pointerId !== this.active) return;
    this.active = null;
    this.dispatchEvent(new Event('strokeend'));
  }

  #segment(a, b) {
    draw(this.canvas.getContext('2d'), this.canvas.width, this.canvas.height, this.lineWidth, this.ink(), a, b);
    draw(this.modelContext, this.model.width, this.model.height, this.lineWidth, '#000', a, b);
  }

  #redraw() {
    for (const [canvas, context] of [[this.canvas, this.canvas.getContext('2d')], [this.model, this.modelContext]]) {
      context.clearRect(0, 0, canvas.width, canvas.height);
      if (this.picture) paint(context, canvas.width, canvas.height, this.picture, canvas === this.model ? '#000' : this.ink());
    }
    for (const stroke of this.strokes) {
      stroke.forEach((p, i) => this.#segment(stroke[Math.max(0, i - 1)], p));
    }
  }
}

function draw(context, width, height, lineWidth, colour, [ax, ay], [bx, by]) {
  const side = Math.min(width, height);
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = lineWidth * side;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  if (ax === bx && ay === by) {
    context.beginPath();
    context.arc(ax * width, ay * height, (lineWidth * side) / 2, 0, 2 * Math.PI);
    context.fill();
    return;
  }
  context.beginPath();
  context.moveTo(ax * width, ay * height);
  context.lineTo(bx * width, by * height);
  context.stroke();
}

// A picture of ink values as `colour` with the ink as opacity, stretched (smoothly) over the canvas.
function paint(context, width, height, { pixels, n }, colour) {
  const tile = document.createElement('canvas');
  tile.width = tile.height = n;
  const tileContext = tile.getContext('2d');
  tileContext.fillStyle = colour;
  tileContext.fillRect(0, 0, n, n);
  const image = tileContext.getImageData(0, 0, n, n);
  for (let i = 0; i < n * n; i++) image.data[i * 4 + 3] = pixels[i];
  tileContext.putImageData(image, 0, 0);
  context.save();
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(tile, 0, 0, width, height);
  context.restore();
}
