/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The UI is loaded by the Tauri window from `dist/` (relative asset paths) or, in development,
// from the dev server below. It has no backend of its own: outside Tauri every command fails.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  // Component tests mount Svelte in happy-dom, which needs Svelte's browser build.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test-support/setup.ts'],
    // The colour audit reads the stylesheet's text (`?raw`); without this Vitest hands out an empty string for CSS.
    css: { include: [/app\.css/] },
  },
});
