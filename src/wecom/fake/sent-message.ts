/** One message the fake WeCom accepted, as the tests read it back (the simulator's journal keeps it too). */
export type { SentMessage } from '../../domain/ports/simulator.js';
