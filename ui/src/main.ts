import './styles/app.css';
import { askSessionEarly } from './lib/early-session';

// The first screen (sign-in) needs the session's state: asked for now, it is answered while the
// window's code loads.
askSessionEarly();

// The window's code is a chunk of its own, so that this first script is small and runs at once.
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

void Promise.all([import('svelte'), import('./App.svelte')]).then(([{ mount }, { default: App }]) =>
  mount(App, { target }),
);
