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

/** One logistic regression per output over the same binary features; `ruleSays` picks each output's threshold. */
export function predict(
  model: TriageModel,
  features: readonly string[],
  ruleSays: (o: ModelOutput) => boolean,
): Prediction[] {
  const rows: Array<[string, number[]]> = [];
  for (const f of features) {
    const w = model.weights[f];
    if (w) rows.push([f, w]);
  }
  return model.outputs.map((output, k) => {
    let z = model.bias[k]!;
    for (const [, w] of rows) z += w[k]!;
    const p = sigmoid(z);
    const on = p >= (ruleSays(output) ? model.thresholds.withRule[k]! : model.thresholds.withoutRule[k]!);
    return { output, p, on, top: on ? topFeatures(rows, k) : [] };
  });
}

/** The three features that pushed output k up most (only asked for outputs that are on: it is the `why`). */
function topFeatures(rows: Array<[string, number[]]>, k: number): Array<[string, number]> {
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
