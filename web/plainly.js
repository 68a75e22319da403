// Plainly's single entry point: one script tag registers every widget as a custom element.
//   <script type="module" src="…/web/plainly.js"></script>
//   <plainly-digit lang="en"></plainly-digit>
// The WebAssembly module loads once per page, when the first widget needs it.

import './widgets/neuron.js';
import './widgets/perceptron.js';
import './widgets/activations.js';
import './widgets/playground.js';
import './widgets/backprop.js';
import './widgets/gradient-flow.js';
import './widgets/digit.js';
import './widgets/marbles.js';
import './widgets/embeddings.js';
import './widgets/digit-space.js';
import './widgets/attention.js';

/** The widget names (<plainly-NAME>) this module registers, for embed.html and the guide; add
 *  a new widget here as well as its import above. */
export const WIDGETS = ['neuron', 'perceptron', 'activations', 'gradient-flow', 'digit', 'marbles', 'embeddings', 'digit-space', 'attention', 'playground', 'backprop']
  .filter((name) => customElements.get(`plainly-${name}`));

export { plainlyWasm } from './core/wasm.js';
export { STRINGS, LANGS } from './core/i18n.js';
