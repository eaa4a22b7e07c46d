import type Router from '@koa/router';
import { simulatorApiRoutes } from '../../handlers/simulator-api.js';
import { simulatorPageRoutes, type SimulatorDeps } from '../../handlers/simulator-pages.js';
import type { SimWecom } from '../domain/ports/simulator.js';
import { actInSimulator } from '../domain/use-cases/act-in-simulator.js';
import type { VillageCode } from '../domain/use-cases/ensure-village-code.js';
import { listSimPeople } from '../domain/use-cases/list-sim-people.js';
import { readSimChat } from '../domain/use-cases/read-sim-chat.js';
import { simulatorStore } from '../store/sim-store.js';
import type { FakeWecomServer } from '../wecom/fake/fake-wecom-server.js';
import type { Infra } from './infra.js';

/** The simulator's WeCom: the in-process fake's sending side, as the simulator's use-cases see it. */
function simWecom(fake: FakeWecomServer, openKfid: string): SimWecom {
  const sender = fake.sender;
  if (!sender) throw new Error('the simulator needs the fake WeCom with callback settings');
  return {
    villagerSays: (externalUserid, text) => sender.villagerSays(externalUserid, openKfid, text),
    cadreSays: (userid, text) => sender.text(userid, text),
    press: (userid, taskId, key) => sender.press(userid, taskId, key),
    scan: (externalUserid, url) => sender.villagerScans(externalUserid, url),
  };
}

/** The simulator's routes (simulator mode only), each over one use-case with the store and the fake. */
export function simulatorRoutes(
  infra: Infra,
  fake: FakeWecomServer,
  openKfid: string,
  villageCode: (villageId: string) => Promise<VillageCode>,
): Array<(router: Router) => void> {
  const store = simulatorStore(infra.db);
  const wecom = simWecom(fake, openKfid);
  const deps: SimulatorDeps = {
    people: () => listSimPeople({ store }),
    chat: (who) => readSimChat({ store, policy: infra.policy }, who),
    act: (who, action) => actInSimulator({ store, wecom, villageCode, now: () => new Date() }, who, action),
  };
  return [(router) => simulatorPageRoutes(router, deps), (router) => simulatorApiRoutes(router, deps)];
}
