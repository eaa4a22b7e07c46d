import { loadPolicy } from '../src/load-policy.js';
import { readReport } from '../src/domain/triage/read-report.js';
const policy = loadPolicy('policy/default.json');
for (const t of process.argv.slice(2)) {
  const r = readReport(t, policy.triage!.lexicon);
  console.log(r.text, r.questionOnly ? 'Q' : '', r.resolvedCue ? 'RES' : '');
  console.log(
    '  ',
    r.hits
      .map(
        (h) =>
          `${h.term}${h.heard ? '<' + h.heard : ''}:${h.signal}${h.negated ? '-neg' : ''}${h.resolved ? '-res' : ''}${h.past ? '-past' : ''}${h.asked ? '-ask' : ''}@${h.clause}`,
      )
      .join(' '),
  );
}
