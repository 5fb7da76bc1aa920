// uPlot makes a number format of `navigator.language` when its module loads. A webview started
// under the C locale names a language Intl refuses, which would fail the whole Reports tab; name
// one it accepts then. (The charts' own labels use the window's language, not this one.) Imported
// before uPlot, so that it runs first.
try {
  new Intl.NumberFormat(navigator.language);
} catch {
  Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
}

export {};
