import { z } from 'zod';

/** What the model predicts: each risk type, the 绿色通道, and whether the message reports anything. */
export const MODEL_OUTPUTS = [
  'income_drop',
  'expense_jump',
  'illness_disaster_accident',
  'dropout',
  'housing',
  'water',
  'policy_gap',
  'green',
  'report',
] as const;
export type ModelOutput = (typeof MODEL_OUTPUTS)[number];

/** Weights as committed in policy/triage-model.json (written by `npm run train:triage`). */
export const TriageModelSchema = z.object({
  version: z.literal(1),
  outputs: z.array(z.enum(MODEL_OUTPUTS)),
  bias: z.array(z.number()),
  /**
   * Decision thresholds per output, tuned on the dev split: a lower one where the rules already say
   * yes (the model only vetoes), a higher one where they say no (the model must be sure to add).
   */
  thresholds: z.object({ withRule: z.array(z.number().min(0).max(1)), withoutRule: z.array(z.number().min(0).max(1)) }),
  /** feature → one weight per output. */
  weights: z.record(z.string(), z.array(z.number())),
  trainedOn: z.object({
    examples: z.number().int(),
    features: z.number().int(),
    l2: z.number(),
    epochs: z.number().int(),
    minCount: z.number().int().optional(),
    ruleDropout: z.boolean().optional(),
  }),
});
export type TriageModel = z.infer<typeof TriageModelSchema>;

export interface Prediction {
  output: ModelOutput;
  p: number;
  on: boolean;
  /** The features that pushed this output most, with their weight. */
  top: Array<[string, number]>;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

// The weights as a Map of typed rows, built once per model: a lookup per feature in a 5,000-key
// object was a sixth of the classification time.
const compiled = new WeakMap<TriageModel, Map<string, Float64Array>>();
function rowsOf(model: TriageModel): Map<string, Float64Array> {
  let rows = compiled.get(model);
  if (!rows) {
    rows = new Map(Object.entries(model.weights).map(([f, w]) => [f, Float64Array.from(w)]));
    compiled.set(model, rows);
  }
  return rows;
}

/**
 * The answer the outputs give together: risk types only when the message reports something, and the
 * 绿色通道 only for a report with a type (train:triage picks thresholds with this same rule).
 */
export function decide(on: (o: ModelOutput) => boolean): { riskTypes: ModelOutput[]; green: boolean } {
  const riskTypes = on('report') ? MODEL_OUTPUTS.filter((o) => o !== 'green' && o !== 'report' && on(o)) : [];
  return { riskTypes, green: riskTypes.length > 0 && on('green') };
}

/** The feature that marks what the rules settle beyond the model's veto (written by featuresOf). */
export const EARNER_DEATH_SAID = 'r:settled:earner_death';

/**
 * What the rules decide by definition, beyond the model's veto: the death of a working member now, told
 * as a death (去世, 病逝), is 因病因灾因意外, 收入骤减 and 绿色通道 (TRIAGE-LABELS), however few such
 * reports the corpus holds.
 */
export function settledByRules(features: readonly string[]): ReadonlySet<ModelOutput> {
  return features.includes(EARNER_DEATH_SAID) ? EARNER_DEATH : NONE;
}
const EARNER_DEATH: ReadonlySet<ModelOutput> = new Set<ModelOutput>([
  'illness_disaster_accident',
  'income_drop',
  'green',
  'report',
]);
const NONE: ReadonlySet<ModelOutput> = new Set();

/** One logistic regression per output over the same binary features; `ruleSays` picks each output's threshold. */
export function predict(
  model: TriageModel,
  features: readonly string[],
  ruleSays: (o: ModelOutput) => boolean,
): Prediction[] {
  const weights = rowsOf(model);
  const rows: Array<[string, Float64Array]> = [];
  const z = Float64Array.from(model.bias);
  for (const f of features) {
    const w = weights.get(f);
    if (!w) continue;
    rows.push([f, w]);
    for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
  }
  return model.outputs.map((output, k) => {
    const p = sigmoid(z[k]!);
    const on = p >= (ruleSays(output) ? model.thresholds.withRule[k]! : model.thresholds.withoutRule[k]!);
    return { output, p, on, top: on ? topFeatures(rows, k) : [] };
  });
}

/** The three features that pushed output k up most (only asked for outputs that are on: it is the `why`). */
function topFeatures(rows: Array<[string, Float64Array]>, k: number): Array<[string, number]> {
  const top: Array<[string, number]> = [];
  for (const [f, w] of rows) {
    const x = w[k]!;
    if (x <= 0 || (top.length === 3 && x <= top[2]![1])) continue;
    top.push([f, x]);
    top.sort((a, b) => b[1] - a[1]);
    if (top.length > 3) top.pop();
  }
  return top;
}
