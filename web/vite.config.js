// Vite configuration: relative asset paths (the server serves dist/ at any prefix), the
// clipped Natural Earth land as a virtual module, and in development a proxy of /api and
// /metrics (WebSocket included) to a running `straitwatch run` (SW_API, default port 8080).
import { defineConfig } from 'vite';
import { strait_land_plugin } from './build_tools/land_plugin.js';

const api = process.env.SW_API || 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  plugins: [strait_land_plugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true, ws: true },
      '/metrics': { target: api, changeOrigin: true },
    },
  },
});
