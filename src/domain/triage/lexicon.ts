import { z } from 'zod';

/** What a lexicon term tells the reader of a report; the rules and the model read these, not the words. */
export const SIGNALS = [
  'illness_serious',
  'illness_acute',
  'treatment_serious',
  'illness_new',
  'illness_chronic',
  'illness_general',
  'hospital_inpatient',
  'accident',
  'injury_serious',
  'severity',
  'death',
  'earner',
  'breadwinner',
  'elderly',
  'child',
  'livestock',
  'work',
  'disaster',
  'weather',
  'fire',
  'dwelling',
  'non_dwelling',
  'damage_severe',
  'damage',
  'drinking_water',
  'irrigation',
  'water_problem',
  'job_loss',
  'wage_arrears',
  'crop_loss',
  'livestock_loss',
  'unable_to_work',
  'income_report',
  'dropout',
  'dropout_weak',
  'school',
  'school_ok',
  'schooling_cost',
  'cost_words',
  'debt',
  'deposit',
  'cannot_pay',
  'benefit',
  'benefit_gap',
  'benefit_received',
  'question',
  'negation',
  'resolved',
  'past',
  'proxy',
  'others',
  'greeting',
  'thanks',
  'spam',
  'dialect',
  'plain_word',
] as const;
export type Signal = (typeof SIGNALS)[number];

const LexiconEntrySchema = z.object({
  signal: z.enum(SIGNALS),
  /** What the entry signals, in words a county officer can check. */
  means: z.string().min(1),
  terms: z.array(z.string().trim().min(1)).min(1),
  /** Dialect entries: the Mandarin form a term is read as. */
  standard: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  /**
   * Characters a voice-to-text engine writes for one of the terms' own whatever the tone, a slip the
   * sound match (which asks a two-character term for a tone in common) cannot hear: {"癌": ["艾"]} reads
   * 肺艾 as 肺癌. Only in terms of two characters or more: 艾 alone is 艾.
   */
  slips: z.record(z.string().length(1), z.array(z.string().length(1)).min(1)).optional(),
});
export type LexiconEntry = z.infer<typeof LexiconEntrySchema>;

/** One lexicon file (policy/lexicons/*.json): one concern, entries that each say what they signal. */
export const LexiconFileSchema = z.object({
  concern: z.string().min(1),
  means: z.string().min(1),
  entries: z.array(LexiconEntrySchema).min(1),
});
export type LexiconFile = z.infer<typeof LexiconFileSchema>;

/** All the lexicon files a policy names, merged: a county extends the defaults by naming its own file too. */
export const LexiconSchema = z.object({ files: z.array(LexiconFileSchema).min(1) });
export type Lexicon = z.infer<typeof LexiconSchema>;
