import type { NationalExportReads, NationalHousehold, NationalMember } from '../ports/national-export.js';

/** The county's 脱贫户 and 监测户 with their members, for the upward export (the file layout is src/files/national-xlsx.ts). */
export async function exportNationalRegister(deps: {
  national: NationalExportReads;
}): Promise<{ households: NationalHousehold[]; members: NationalMember[] }> {
  return deps.national.nationalRegister();
}
