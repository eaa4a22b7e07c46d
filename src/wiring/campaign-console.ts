import type { CampaignConsole } from '../domain/ports/campaigns.js';
import type { Outbox } from '../domain/ports/outbox.js';
import { readTable } from '../files/read-table.js';
import { jobId } from '../queue/jobs.js';
import { screeningStore } from '../store/campaign-item-store.js';
import { campaignReads, campaignStartStore } from '../store/campaign-store.js';
import type { Db } from '../store/db.js';

/** 集中排查's console ports over one database and the outbox (each cadre's message once per campaign). */
export function campaignConsole(db: Db, outbox: Outbox, timeZone: string): CampaignConsole {
  return {
    reads: campaignReads(db),
    start: {
      timeZone,
      transaction: (fn) => db.transaction((tx) => fn(campaignStartStore(tx))),
      notifyCadres: (campaignId, notices) =>
        outbox.send(
          notices.map((n) => ({
            data: { kind: 'text', touser: n.touser, content: n.content },
            jobId: jobId.cadreNote(`campaign-${campaignId}-${n.touser}`),
          })),
        ),
    },
    results: {
      transaction: (fn) => db.transaction((tx) => fn(screeningStore(tx))),
      tables: { read: readTable },
      outbox,
    },
  };
}
