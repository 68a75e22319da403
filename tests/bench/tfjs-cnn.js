// Our digit CNN written again in TensorFlow.js ops, fed our trained weights: the benchmark's peer
// and an independent check of our forward pass (tests/tfjs-reference.test.mjs).
//
// Layouts: burn conv weights are [out, in, kh, kw], TF.js wants [kh, kw, in, out]; burn flattens
// feature maps channel-first (c, h, w), TF.js works channel-last, so maps are transposed to NCHW
// before flattening. Both frameworks compute cross-correlation with "same" padding.

export function cnnInTfjs(tf, parameters) {
  const p = Object.fromEntries(parameters.map((t) => [t.name, t]));
  const tensor = (name) => tf.tensor(Float32Array.from(p[name].values), p[name].shape);
  const convKernel = (name) => tf.tidy(() => tensor(name).transpose([2, 3, 1, 0]));
  const w = {
    k1: convKernel('conv1.weight'), b1: tensor('conv1.bias'),
    k2: convKernel('conv2.weight'), b2: tensor('conv2.bias'),
    w3: tensor('fc1.weight'), b3: tensor('fc1.bias'),
    w4: tensor('fc2.weight'), b4: tensor('fc2.bias'),
  };
  const forward = (x) => {
    let h = tf.relu(tf.add(tf.conv2d(x, w.k1, 1, 'same'), w.b1));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, w.k2, 1, 'same'), w.b2));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.reshape(tf.transpose(h, [0, 3, 1, 2]), [x.shape[0], -1]);
    h = tf.relu(tf.add(tf.matMul(h, w.w3), w.b3));
    return tf.softmax(tf.add(tf.matMul(h, w.w4), w.b4));
  };
  return {
    /** Ten probabilities for one framed 28×28 digit (Float32Array of 784). */
    predict(framed) {
      const out = tf.tidy(() => forward(tf.tensor4d(framed, [1, 28, 28, 1])));
      const probabilities = out.dataSync();
      out.dispose();
      return probabilities;
    },
    dispose() {
      Object.values(w).forEach((t) => t.dispose());
    },
  };
}
