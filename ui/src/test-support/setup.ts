// Each test starts with the webview's storage empty: what one test remembered (a person's last
// tab, the language chosen on the sign-in screen) does not decide where the next one starts.
import { beforeEach } from 'vitest';

beforeEach(() => {
  globalThis.localStorage?.clear();
});
