import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('echarts') || id.includes('zrender')) return 'charts';
          if (id.includes('node_modules/antd') || id.includes('@ant-design') || id.includes('rc-')) return 'antd';
          if (id.includes('node_modules/react') || id.includes('scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
});
