import type { FakeWecomServer } from '../../src/wecom/fake/fake-wecom-server.js';

/** Polls (every 50 ms, 15 s at most) until `fn` gives something truthy, and returns it. */
export async function waitFor<T>(fn: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting');
}

/**
 * A villager's side of 微信客服 on the service's fake WeCom (account wk-demo): what they say, and the
 * replies they get. `service` is read when called, so it may be started in beforeAll.
 */
export function villagerChat(service: () => { fake?: FakeWecomServer }) {
  const fake = () => service().fake!;
  /** The texts the villager got, in order. */
  const kfReplies = (to: string) =>
    fake()
      .state.sent.filter((s) => s.api === 'kf/send_msg' && s.to === to)
      .map((s) => (s.body.text as { content: string }).content);
  const say = (user: string, content: string) => fake().sender!.villagerSays(user, 'wk-demo', content);
  /** Says something and waits for the one reply it gets. */
  const ask = async (user: string, content: string) => {
    const before = kfReplies(user).length;
    await say(user, content);
    return waitFor(() => kfReplies(user)[before]);
  };
  return { kfReplies, say, ask };
}
