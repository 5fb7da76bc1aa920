import { prefetchFirstInboxPage } from './lib/first-inbox-page';
import './styles/app.css';

// The inbox's first page is on its way while the rest of the window's code loads (a chunk of
// its own, so that this first script is small and runs at once).
prefetchFirstInboxPage();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

void Promise.all([import('svelte'), import('./App.svelte')]).then(([{ mount }, { default: App }]) =>
  mount(App, { target }),
);
