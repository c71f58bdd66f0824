// This test file's server (set by server-setup.ts before its tests run).
export const testServer = { baseUrl: '', requestLogPath: '' };
