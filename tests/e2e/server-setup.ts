// Each browser test file gets its own static server and request log (global-setup.ts startServer), so two
// files can run at once and "0 requests after load" counts only this file's requests.
import { afterAll, beforeAll } from 'vitest';
import { startServer } from './global-setup.ts';
import { testServer } from './server-state.ts';

let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const s = await startServer();
  testServer.baseUrl = s.baseUrl;
  testServer.requestLogPath = s.requestLogPath;
  close = s.close;
});
afterAll(async () => {
  await close?.();
});
