// The third-party pieces the widgets draw with, bundled by esbuild into web/vendor/vendor.js
// (built by `make`, not committed): an ES module with no bare imports, so widgets load it the
// same way in our page and in any course site.
export { contours } from 'd3-contour';
export { interpolateViridis, interpolateCividis, interpolateRdBu, interpolateBlues, schemeTableau10 } from 'd3-scale-chromatic';
export { scaleLinear, scaleLog } from 'd3-scale';
export { forceSimulation, forceCollide, forceX, forceY } from 'd3-force';
