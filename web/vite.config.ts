import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The public portal is its own small entry (no antd), within the 200 KB budget of DESIGN §6.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        public: fileURLToPath(new URL('./public.html', import.meta.url)),
      },
      output: {
        // Groups by priority: React is its own chunk first, so that the public portal's entry needs neither antd nor charts.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'charts', test: /echarts|zrender/, priority: 2 },
            { name: 'antd', test: /node_modules[\\/]antd|@ant-design|rc-/, priority: 1 },
          ],
        },
      },
    },
  },
});
