// src/prof.ts
import * as tf2 from "@tensorflow/tfjs-core";
import { initBackend, jetHessian, hessian } from "@lnn/autodiff";

// src/cases/softplus-mlp.ts
import * as tf from "@tensorflow/tfjs-core";
import { jets } from "@lnn/autodiff";
function initMlp(widths2, seed) {
  const weights2 = [];
  const biases2 = [];
  const last = widths2.length - 2;
  for (let i = 0; i <= last; i++) {
    const [nIn, nOut] = [widths2[i], widths2[i + 1]];
    const n = Math.max(nIn, nOut);
    const c = i === 0 ? 2.2 : i === last ? n : 0.58 * i;
    weights2.push(tf.randomNormal([nIn, nOut], 0, c / Math.sqrt(n), "float32", seed + i));
    biases2.push(tf.zeros([nOut]));
  }
  return { weights: weights2, biases: biases2 };
}
function mlpTensor(weights2, biases2) {
  return (x2) => {
    let h = x2;
    weights2.forEach((w, i) => {
      h = tf.add(tf.matMul(h, w), biases2[i]);
      if (i + 1 < weights2.length) h = tf.softplus(h);
    });
    return tf.reshape(h, [-1]);
  };
}
function mlpJet(weights2, biases2) {
  return (x2) => {
    let h = x2;
    weights2.forEach((w, i) => {
      h = jets.dense(h, w, biases2[i]);
      if (i + 1 < weights2.length) h = jets.softplus(h);
    });
    return h;
  };
}

// src/prof.ts
await initBackend({ backend: "wasm" });
var widths = [4, 500, 500, 500, 1];
var { weights, biases } = initMlp(widths, 0);
var x = tf2.randomNormal([32, 4]);
var which = process.argv[2] ?? "jetH";
var params = [...weights, ...biases.slice(0, -1)];
var lastBias = biases[biases.length - 1];
var split = (ps) => ({ w: ps.slice(0, weights.length), b: [...ps.slice(weights.length), lastBias] });
var fns = {
  jetH: () => jetHessian(mlpJet(weights, biases))(x).hessian,
  genH: () => hessian(mlpTensor(weights, biases))(x),
  jetG: () => tf2.grads((...ps) => {
    const { w, b } = split(ps);
    return tf2.mean(tf2.square(jetHessian(mlpJet(w, b))(x).hessian));
  })(params),
  genG: () => tf2.grads((...ps) => {
    const { w, b } = split(ps);
    return tf2.mean(tf2.square(hessian(mlpTensor(w, b))(x)));
  })(params)
};
var f = fns[which];
for (let i = 0; i < 3; i++) {
  const o = tf2.tidy(f);
  tf2.dispose(o);
}
var info = await tf2.profile(() => {
  const o = tf2.tidy(f);
  (Array.isArray(o) ? o : [o]).forEach((t) => t.dataSync());
  return o;
});
var byName = /* @__PURE__ */ new Map();
var total = 0;
for (const k of info.kernels) {
  const ms = typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
  total += ms;
  const e = byName.get(k.name) ?? { ms: 0, n: 0 };
  e.ms += ms;
  e.n += 1;
  byName.set(k.name, e);
}
console.log(which, "kernels", info.kernels.length, "total kernel ms", total.toFixed(1));
if (process.argv[3]) {
  for (const k of info.kernels) if (k.name === "BatchMatMul") console.log(JSON.stringify(k.inputShapes), k.kernelTimeMs.toFixed(2));
}
console.log([...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12).map(([n, e]) => `${n}: ${e.ms.toFixed(1)}ms \xD7${e.n}`).join("\n"));
