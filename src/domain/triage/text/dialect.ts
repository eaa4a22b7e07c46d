import type { Lexicon } from '../lexicon.js';

export interface DialectRewriter {
  /** The text in Mandarin forms, and which dialect forms were read (屋头→家里). */
  rewrite(text: string): { text: string; read: string[] };
}

/** Dialect forms from the lexicon, longest first, so 我老汉 (my father) is read before 老汉 (an old man). */
export function compileDialect(lexicon: Lexicon): DialectRewriter {
  const forms = new Map<string, string>();
  for (const f of lexicon.files)
    for (const e of f.entries)
      if (e.signal === 'dialect' && e.standard) for (const t of e.terms) forms.set(t, e.standard);
  if (!forms.size) return { rewrite: (text) => ({ text, read: [] }) };
  const pattern = new RegExp(
    [...forms.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return {
    rewrite(text) {
      const read: string[] = [];
      const out = text.replace(pattern, (m) => {
        const std = forms.get(m)!;
        read.push(`${m}→${std}`);
        return std;
      });
      return { text: out, read };
    },
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
