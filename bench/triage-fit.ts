// The triage model's fitting, kept apart from the command that writes it: one logistic regression per
// output over binary features (Adam on the mean log-loss plus L2, full batch, zero start: deterministic),
// and the folds that give every example a prediction from a model that never saw it.
import { createHash } from 'node:crypto';

export interface FitOptions {
  l2: number;
  epochs: number;
  /** Features seen in fewer examples than this are left out of the vocabulary. */
  minCount: number;
  /**
   * A second copy of each example without the rules' verdicts (r:*), so the model also learns to answer
   * from the words and signals: the rules were written for this corpus and are surer here than on new text.
   */
  ruleDropout?: boolean;
}

const withoutRules = (f: string[]) => f.filter((k) => !k.startsWith('r:'));

export interface Fitted {
  vocab: string[];
  /** One row of K weights per vocabulary entry. */
  weights: Float64Array[];
  bias: Float64Array;
}

/** Fits K outputs at once; `targets[n][k]` is example n's label for output k. */
export function fitLogistic(features: string[][], targets: boolean[][], K: number, o: FitOptions): Fitted {
  const counts = new Map<string, number>();
  for (const f of features) for (const k of f) counts.set(k, (counts.get(k) ?? 0) + 1);
  if (o.ruleDropout) {
    features = [...features, ...features.map(withoutRules)];
    targets = [...targets, ...targets];
  }
  const vocab = [...counts]
    .filter(([, n]) => n >= o.minCount)
    .map(([k]) => k)
    .sort();
  const index = new Map(vocab.map((k, i) => [k, i]));
  // rows flat (one offset per example) and targets as 0/1: the same sums in the same order as a loop
  // over arrays, without a closure and a boxed boolean per step
  const offsets = new Int32Array(features.length + 1);
  const flat: number[] = [];
  features.forEach((f, n) => {
    for (const k of f) {
      const i = index.get(k);
      if (i !== undefined) flat.push(i);
    }
    offsets[n + 1] = flat.length;
  });
  const cols = Int32Array.from(flat);
  const Y = new Float64Array(features.length * K);
  targets.forEach((y, n) => {
    for (let k = 0; k < K; k++) Y[n * K + k] = y[k] ? 1 : 0;
  });
  const V = vocab.length;
  const W = new Float64Array(V * K);
  const bias = new Float64Array(K);
  const m = new Float64Array(V * K);
  const v = new Float64Array(V * K);
  const mb = new Float64Array(K);
  const vb = new Float64Array(K);
  const g = new Float64Array(V * K);
  const gb = new Float64Array(K);
  const lr = 0.05;
  const N = features.length;
  const z = new Float64Array(K);
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    g.fill(0);
    gb.fill(0);
    for (let n = 0; n < N; n++) {
      const from = offsets[n]!;
      const to = offsets[n + 1]!;
      z.set(bias);
      for (let j = from; j < to; j++) {
        const base = cols[j]! * K;
        for (let k = 0; k < K; k++) z[k]! += W[base + k]!;
      }
      for (let k = 0; k < K; k++) {
        z[k] = (1 / (1 + Math.exp(-z[k]!)) - Y[n * K + k]!) / N;
        gb[k]! += z[k]!;
      }
      for (let j = from; j < to; j++) {
        const base = cols[j]! * K;
        for (let k = 0; k < K; k++) g[base + k]! += z[k]!;
      }
    }
    const c1 = 1 - 0.9 ** epoch;
    const c2 = 1 - 0.999 ** epoch;
    for (let k = 0; k < K; k++) {
      mb[k] = 0.9 * mb[k]! + 0.1 * gb[k]!;
      vb[k] = 0.999 * vb[k]! + 0.001 * gb[k]! ** 2;
      bias[k]! -= (lr * (mb[k]! / c1)) / (Math.sqrt(vb[k]! / c2) + 1e-8);
    }
    for (let j = 0; j < V * K; j++) {
      const gj = g[j]! + o.l2 * W[j]!;
      m[j] = 0.9 * m[j]! + 0.1 * gj;
      v[j] = 0.999 * v[j]! + 0.001 * gj ** 2;
      W[j]! -= (lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + 1e-8);
    }
  }
  return { vocab, weights: vocab.map((_, i) => W.slice(i * K, (i + 1) * K)), bias };
}

/** The K probabilities a fitted model gives one example. */
export function probabilities(fit: Fitted, features: string[], index = indexOf(fit)): number[] {
  const z = Float64Array.from(fit.bias);
  for (const f of features) {
    const i = index.get(f);
    if (i === undefined) continue;
    const w = fit.weights[i]!;
    for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
  }
  return [...z].map((x) => 1 / (1 + Math.exp(-x)));
}

const indexes = new WeakMap<Fitted, Map<string, number>>();
function indexOf(fit: Fitted): Map<string, number> {
  let index = indexes.get(fit);
  if (!index) {
    index = new Map(fit.vocab.map((k, i) => [k, i]));
    indexes.set(fit, index);
  }
  return index;
}

/**
 * The author an id's batch came from (va, vb, o: the first batch's three; x*: the second's; n*: the third's;
 * ra, rb: the fourth's two): folding by author asks how the model reads a writer it has never seen.
 */
export const authorOf = (id: string) => {
  const prefix = id.split('-')[0]!;
  return /^[xn]/.test(prefix) ? prefix[0]! : prefix;
};

/** A fixed fold for an id (its own hash, unrelated to the corpus split's). */
export const foldOf = (id: string, folds: number) =>
  createHash('sha256').update(`triage-fold:${id}`).digest().readUInt32BE(0) % folds;

/**
 * Out-of-fold probabilities: each example's K probabilities from the model fitted on the other folds.
 */
export function outOfFold(
  ids: string[],
  features: string[][],
  targets: boolean[][],
  K: number,
  folds: number,
  o: FitOptions,
  fold: (id: string) => number = (id) => foldOf(id, folds),
): number[][] {
  const out: number[][] = ids.map(() => []);
  for (let f = 0; f < folds; f++) {
    const inFold = ids.map((id) => fold(id) === f);
    const fit = fitLogistic(
      features.filter((_, n) => !inFold[n]),
      targets.filter((_, n) => !inFold[n]),
      K,
      o,
    );
    features.forEach((x, n) => {
      if (inFold[n]) out[n] = probabilities(fit, x);
    });
  }
  return out;
}
