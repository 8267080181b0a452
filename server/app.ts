// Builds the Fastify app: external plugins, then app plugins (errors, auth), then routes, then the
// built web app. Used by `qudi start`, the tests (app.inject) and the benchmarks alike.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { packageRoot } from './paths.js';
import { registerAuth } from './plugins/auth.js';
import { openapiOptions, registerContract } from './plugins/contract.js';
import { registerErrorHandler, sendProblem } from './plugins/errorHandler.js';
import { registerSecurityHeaders } from './plugins/securityHeaders.js';
import { RequestLogController } from './plugins/requestLog.js';
import { agendaRoutes } from './routes/agenda.js';
import { attachmentRoutes } from './routes/attachments.js';
import { authRoutes } from './routes/auth.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { enterpriseRoutes } from './routes/enterprises.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/exports.js';
import { importRoutes } from './routes/imports.js';
import { remarkRoutes } from './routes/remarks.js';
import { accountabilityRoutes } from './routes/accountability.js';
import { departmentRequestRoutes } from './routes/departmentRequests.js';
import { jointOperationRoutes } from './routes/jointOperations.js';
import { incidentRoutes } from './routes/incidents.js';
import { patrolRoutes } from './routes/patrols.js';
import { mapRoutes } from './routes/map.js';
import { tipRoutes } from './routes/tips.js';
import { powerCheckRoutes } from './routes/powerCheck.js';
import { caseRoutes } from './routes/cases.js';
import { acceptanceRoutes } from './routes/acceptance.js';
import { criticismNoticeRoutes } from './routes/criticismNotices.js';
import { acceptancePackageRoutes } from './routes/acceptancePackages.js';
import { interceptionRoutes } from './routes/interceptions.js';
import { webhookRoutes } from './routes/webhooks.js';
import { notificationRoutes } from './routes/notifications.js';
import { sameSiteRoutes } from './routes/sameSite.js';
import { supervisorRoutes } from './routes/supervisors.js';
import { reportRoutes } from './routes/reports.js';
import { selfInspectionRoutes } from './routes/selfInspection.js';
import { mobilisationRoutes } from './routes/mobilisation.js';
import { systemRoutes } from './routes/system.js';
import { uploadRoutes } from './routes/uploads.js';
import { userRoutes } from './routes/users.js';
import { tileOrigins } from '../domain/map.js';

export interface BuildOptions {
  logger?: boolean;
  /** Serve the built web app from dist/web (when it exists). */
  serveWeb?: boolean;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Through process.stdout, the stream console.log writes to, so log lines and the start-up banner
    // (server/cli.ts) reach the console in the order they were written.
    logger: opts.logger ? { level: ctx.config.logLevel, stream: process.stdout } : false,
    // A request that went well is logged at debug (LOG_LEVEL=debug), not info: server/plugins/requestLog.ts.
    logController: new RequestLogController(),
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: process.env.TRUST_PROXY === 'true',
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  registerContract(app, ctx.config.contractStrict);

  await app.register(cookie, { secret: ctx.config.sessionSecret });
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS into <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The map's tiles come from the tile server the deployment names (MAP_TILE_URL), and from nowhere else.
        imgSrc: ["'self'", 'data:', 'blob:', ...(ctx.config.mapTiles ? tileOrigins(ctx.config.mapTiles) : [])],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain-HTTP intranet deployments must keep working; HTTPS proxies add HSTS themselves.
    strictTransportSecurity: false,
  });
  await app.register(swagger, openapiOptions);
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // No top bar (it offers to load any other document); no online validator badge.
    uiConfig: { layout: 'BaseLayout', docExpansion: 'list', deepLinking: true, displayRequestDuration: true, defaultModelsExpandDepth: 0 },
    theme: {
      title: 'Qudi 取缔 · 接口文档',
      css: [{ filename: 'qudi.css', content: 'body, .swagger-ui, .swagger-ui .info .title, .swagger-ui .opblock-tag { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }' }],
    },
    staticCSP: true,
    // Swagger UI sets inline styles (as the app's Ant Design does); nothing is fetched from
    // validator.swagger.io; plain-HTTP intranet deployments must not be upgraded to HTTPS.
    transformStaticCSP: (header) =>
      header
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d && d !== 'upgrade-insecure-requests')
        .map((d) => (d.startsWith('style-src') ? "style-src 'self' 'unsafe-inline'" : d.replace(' validator.swagger.io', '')))
        .join('; '),
  });

  registerErrorHandler(app);
  const sessions = registerAuth(app, ctx);

  // Browsers cannot send JSON across sites without a CORS preflight, which this server never grants;
  // refusing other content types on writes closes the form-post CSRF route.
  app.addHook('preValidation', async (request) => {
    if (['POST', 'PUT', 'PATCH'].includes(request.method) && request.body !== undefined && request.body !== null) {
      const type = request.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) {
        throw new AppError('unsupported_media_type', '请以 JSON（application/json）格式提交');
      }
    }
  });

  systemRoutes(app, ctx);
  authRoutes(app, ctx, sessions);
  enterpriseRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  agendaRoutes(app, ctx);
  userRoutes(app, ctx);
  exportRoutes(app, ctx);
  importRoutes(app, ctx);
  reportRoutes(app, ctx);
  selfInspectionRoutes(app, ctx);
  mobilisationRoutes(app, ctx);
  attachmentRoutes(app, ctx);
  await uploadRoutes(app, ctx);
  evidenceRoutes(app, ctx);
  remarkRoutes(app, ctx);
  accountabilityRoutes(app, ctx);
  departmentRequestRoutes(app, ctx);
  jointOperationRoutes(app, ctx);
  incidentRoutes(app, ctx);
  patrolRoutes(app, ctx);
  mapRoutes(app, ctx);
  tipRoutes(app, ctx);
  powerCheckRoutes(app, ctx);
  caseRoutes(app, ctx);
  acceptanceRoutes(app, ctx);
  criticismNoticeRoutes(app, ctx);
  acceptancePackageRoutes(app, ctx);
  interceptionRoutes(app, ctx);
  supervisorRoutes(app, ctx);
  sameSiteRoutes(app, ctx);
  notificationRoutes(app, ctx);
  webhookRoutes(app, ctx);

  const webDir = path.join(packageRoot(), 'dist', 'web');
  const hasWeb = opts.serveWeb !== false && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDir,
      // `/` is the app itself; every other client-side route falls through to the not-found handler.
      index: ['index.html'],
      // The build wrote every text asset also as .br and .gz: the one the browser accepts is sent
      // (Content-Encoding, Vary: Accept-Encoding), nothing is compressed per request.
      preCompressed: true,
      // Vite names assets by content hash, so they never change; index.html is always revalidated.
      // (send's own Cache-Control would say max-age=0 for both.)
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('vary', 'accept-encoding');
      },
    });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || request.url.startsWith('/assets/') || request.method !== 'GET' || !hasWeb)
      return sendProblem(reply, 'not_found', '请求的接口或页面不存在');
    // Client-side routes: every other GET gets the web app, which routes itself.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
