import { buildPlatform } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const platform = await buildPlatform({ config, startJobs: true });
await platform.app.listen({ port: config.port, host: config.host });
platform.ctx.log.info(`协商平台已启动：http://localhost:${config.port}（数据库：${platform.ctx.dialect}）`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void platform.close().then(() => process.exit(0));
  });
}
