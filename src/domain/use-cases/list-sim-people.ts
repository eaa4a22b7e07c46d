import type { SimCadre, SimulatorStore, SimVillager } from '../ports/simulator.js';

export interface SimPeople {
  villagers: SimVillager[];
  cadres: SimCadre[];
}

/** Whom one may chat as in the simulator: a dozen villagers with a phone, their helpers and the cadres above. */
export async function listSimPeople(deps: { store: SimulatorStore }): Promise<SimPeople> {
  const villagers = await deps.store.villagers(12);
  const cadres = await deps.store.cadres(
    villagers.map((v) => v.id),
    30,
  );
  return { villagers, cadres };
}
