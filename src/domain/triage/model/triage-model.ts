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
  const rows = features.map((f) => [f, model.weights[f]] as const).filter((r): r is [string, number[]] => !!r[1]);
  return model.outputs.map((output, k) => {
    let z = model.bias[k]!;
    for (const [, w] of rows) z += w[k]!;
    const p = sigmoid(z);
    const on = p >= (ruleSays(output) ? model.thresholds.withRule[k]! : model.thresholds.withoutRule[k]!);
    const top = rows
      .map(([f, w]) => [f, w[k]!] as [string, number])
      .filter(([, w]) => (on ? w > 0 : w < 0))
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, 3);
    return { output, p, on, top };
  });
}
