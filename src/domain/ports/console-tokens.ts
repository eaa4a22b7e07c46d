/** Console sign-in tokens for a township's staff (the adapter is consoleTokens in src/store/console-token-store.ts). */
export interface ConsoleTokens {
  /** The township by id, or null when there is none. */
  township(id: string): Promise<{ id: string; name: string } | null>;
  /** A new token for the township's staff; only its hash is kept, so it is shown once. */
  create(townshipId: string): Promise<string>;
  /** The township a token signs in to, or null (unknown or revoked). */
  ofToken(token: string): Promise<{ id: string; name: string } | null>;
}
