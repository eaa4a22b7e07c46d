import type { Worker } from 'bullmq';
import type { Config } from '../config.js';
import type { CadreDeps } from '../domain/ports/cadre.js';
import type { Outbound } from '../domain/ports/outbox.js';
import type { TriageDeps } from '../domain/use-cases/triage-report.js';
import type { Logger } from '../logger.js';
import { jobId } from '../queue/jobs.js';
import { startWorkers } from '../queue/queues.js';
import { cadreStore } from '../store/cadre-store.js';
import { isDatabaseUnavailable } from '../store/db-errors.js';
import { handledInbox, unhandledInbox } from '../store/inbox-store.js';
import { kfInboxStore, villagerIntakeStore } from '../store/kf-session-store.js';
import { matchHousehold } from '../store/match-store.js';
import { claimFor, claimUnsent, markFailed, markSentMany, unsentOutbound } from '../store/outbox-store.js';
import { groupCommit } from '../group-commit.js';
import { loadTaskView } from '../store/task-store.js';
import { cadresHeldBefore, cardBatchStore, loadBatchView, sentCards } from '../store/card-batch-store.js';
import { routeTaskCards, type CardBatchDeps } from '../domain/use-cases/route-task-cards.js';
import { triageStore } from '../store/triage-store.js';
import { villagerFollowUpStore } from '../store/villager-case-store.js';
import { villagerUpdateStore } from '../store/villager-update-store.js';
import { villageEntryStore } from '../store/village-entry-store.js';
import type { Infra } from './infra.js';
import { buildProcessors } from './processors.js';
import { sendTextsAlike, sendWecomMessage, type SendWecomMessageDeps } from '../../jobs/send-wecom-message.js';
import { sendNow } from '../../jobs/send-now.js';
import { bulletinDeps, fileRenderer, screeningRoundsDeps, sweepDeps } from './schedule-deps.js';
import { digestsByIds } from '../store/sweep-store.js';
import { partitionStore } from '../store/partition-store.js';

/** Starts one worker per queue, each job's processor given its use-case's ports. */
export function startWorkerRole(infra: Infra, config: Config, logger: Logger): Worker[] {
  const { db, policy, outbox, client } = infra;
  const timeZone = config.TZ_NAME;
  const triage: TriageDeps = { policy, timeZone, transaction: (fn) => db.transaction((tx) => fn(triageStore(tx))) };
  const cadre: CadreDeps = { policy, timeZone, transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))) };
  const now = () => new Date();
  const reply = (externalUserid: string, openKfid: string, content: string, key: string) =>
    outbox.send([{ data: { kind: 'kf_text', externalUserid, openKfid, content }, jobId: jobId.kfReply(key) }]);
  const cardBatches: CardBatchDeps = {
    quietMs: config.CARD_BATCH_QUIET_MS,
    maxWaitMs: config.CARD_BATCH_MAX_WAIT_MS,
    transaction: (fn) => db.transaction((tx) => fn(cardBatchStore(tx))),
    outbox,
  };
  // Sends running at once share their outbox reads and writes (group commit): one query for many.
  // Until its mark is committed a send's slot is held in memory, for a window rebuilt meanwhile.
  const sent = groupCommit(
    async (rows: Array<{ jobId: string; to?: string }>) => {
      await markSentMany(db, rows, new Date());
      for (const r of rows) if (r.to) client.settleSend(r.to);
      return rows.map(() => undefined);
    },
    { maxInFlight: 2 },
  );
  // The sent-before check claims the rest in the same statement: the claim a window rebuild counts.
  const sentBefore = groupCommit(
    async (rows: Outbound[]) => {
      const found = await claimUnsent(db, rows, infra.claimer);
      return rows.map((r) => found.has(r.jobId));
    },
    { maxInFlight: 2 },
  );
  const cardClaims = groupCommit(
    async (rows: Array<{ jobId: string; to: string }>) => {
      await claimFor(db, rows, infra.claimer);
      return rows.map(() => undefined);
    },
    { maxInFlight: 2 },
  );
  const sendingHere = new Map<string, Promise<unknown>>();
  const sending: SendWecomMessageDeps = {
    client,
    timeZone,
    loadTaskView: (taskId) => loadTaskView(db, taskId),
    loadBatchView: (batchId) => loadBatchView(db, batchId),
    cards: sentCards(db),
    markSent: (id, to) => sent({ jobId: id, ...(to ? { to } : {}) }),
    markFailed: (id, reason) => markFailed(db, id, new Date(), reason),
    claimUnsent: (jobId, data) => sentBefore({ jobId, data }),
    claimCardFor: (jobId, to) => cardClaims({ jobId, to }),
    renderFile: fileRenderer(db, policy, timeZone),
    sendingHere,
  };
  // Answers to commands that changed nothing are sent by the job that recorded them: no job hop each,
  // and the same answer to several cadres (帮助) in one message/send.
  const answering = outbox.sendingWith(sendNow(sendWecomMessage(sending), sendingHere, sendTextsAlike(sending)));
  const processors = buildProcessors({
    ...sending,
    cardBatches,
    villagerUpdates: { now, reply, transaction: (fn) => db.transaction((tx) => fn(villagerUpdateStore(tx))) },
    queueDigests: { digests: (ids) => digestsByIds(db, ids), queue: outbox.queueDigests },
    schedule: {
      ...sweepDeps(db, policy, timeZone, outbox),
      bulletin: bulletinDeps(db, policy, timeZone, outbox),
      rounds: screeningRoundsDeps(db, policy, timeZone, outbox),
      partitions: { partitions: partitionStore(db) },
      reconcile: {
        unhandled: (before) => unhandledInbox(db, before),
        enqueue: outbox.requeueInbox,
        unsent: (before) => unsentOutbound(db, before),
        resend: outbox.resend,
        // A held card's flush job lives only in Redis: past the longest wait, ask again.
        heldCards: (before) => cadresHeldBefore(db, new Date(before.getTime() - config.CARD_BATCH_MAX_WAIT_MS)),
        flushCards: (cadres) => outbox.flushCards(cadres, 0),
        now,
        afterMs: config.RECONCILE_AFTER_MS,
      },
    },
    intake: {
      policy,
      triage,
      isOutage: isDatabaseUnavailable,
      cadre,
      now,
      reply,
      entry: {
        store: villageEntryStore(db),
        now,
        welcome: (externalUserid, code, content, key) =>
          outbox.send([{ data: { kind: 'kf_welcome', externalUserid, code, content }, jobId: jobId.kfWelcome(key) }]),
      },
      lateIdentity: { cadre, match: (who, asOfYear) => matchHousehold(db, who, asOfYear) },
      followUp: {
        store: villagerFollowUpStore(db),
        timeZone,
        reply,
        tellCadre: (touser, content, key) =>
          outbox.send([{ data: { kind: 'text', touser, content }, jobId: jobId.cadreNote(key) }]),
      },
      notify: async (notices, opts) => {
        await routeTaskCards(cardBatches, notices, opts ?? { burst: false }, new Date());
      },
      outbox: answering,
      log: logger,
      kf: client,
      kfInbox: kfInboxStore(db),
      callbacks: handledInbox(db),
      messages: handledInbox(db),
      villagers: villagerIntakeStore(db),
      flushUpdates: outbox.flushVillager,
      enqueue: (inboxId) => outbox.inbox([{ id: inboxId, source: 'kf' }]),
    },
  });
  const workers = startWorkers({
    connection: infra.redis,
    prefix: config.QUEUE_PREFIX,
    shards: config.QUEUE_SHARDS,
    logger,
    processors,
    concurrency: { intake: config.WORKER_CONCURRENCY, notify: config.WORKER_CONCURRENCY },
  });
  infra.metrics.observe(workers);
  return workers;
}
