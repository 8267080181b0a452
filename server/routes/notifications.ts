// 通知: the signed-in user's inbox — the notices (newest first), the unread count the header polls,
// and marking read. Only one's own: another user's notice answers 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../domain/zod.js';
import { TAGS } from '../../domain/contract.js';
import { notificationCountDto, notificationListDto, notificationQuerySchema, type NotificationCountDto, type NotificationListDto } from '../../domain/notifications.js';
import { idParams } from '../../domain/params.js';
import { nowIso } from '../../domain/time.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { presentNotification } from '../presenters/notifications.js';
import { listNotifications, markAllRead, markRead, unreadCount } from '../repositories/notifications.js';

export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/notifications', {
    config: { action: 'notification.read' },
    schema: { tags: [TAGS.notifications.name], summary: '当前用户的通知（最新的在前；unread=true 只看未读）及未读数', querystring: notificationQuerySchema, response: { 200: notificationListDto } },
  }, async (request): Promise<NotificationListDto> => {
    const actor = request.requireActor();
    request.authorize('notification.read', null);
    const { unread, page, pageSize } = request.query;
    const [{ rows, total }, count] = await Promise.all([listNotifications(ctx.db, actor.id, { unreadOnly: unread === 'true', page, pageSize }), unreadCount(ctx.db, actor.id)]);
    return { items: rows.map(presentNotification), total, unread: count };
  });

  r.get('/api/notifications/unread', {
    config: { action: 'notification.read' },
    schema: { tags: [TAGS.notifications.name], summary: '当前用户的未读通知数（页头每分钟查询）', response: { 200: notificationCountDto } },
  }, async (request): Promise<NotificationCountDto> => {
    const actor = request.requireActor();
    request.authorize('notification.read', null);
    return { unread: await unreadCount(ctx.db, actor.id) };
  });

  r.post('/api/notifications/:id/read', {
    config: { action: 'notification.read' },
    schema: { tags: [TAGS.notifications.name], summary: '将一条通知标为已读（只限自己的通知，他人的 404）', params: idParams, response: { 200: notificationCountDto } },
  }, async (request): Promise<NotificationCountDto> => {
    const actor = request.requireActor();
    request.authorize('notification.read', null);
    if (!(await markRead(ctx.db, actor.id, request.params.id, nowIso()))) throw notFound();
    return { unread: await unreadCount(ctx.db, actor.id) };
  });

  r.post('/api/notifications/read-all', {
    config: { action: 'notification.read' },
    schema: { tags: [TAGS.notifications.name], summary: '将自己的全部通知标为已读', body: z.strictObject({}).prefault({}), response: { 200: notificationCountDto } },
  }, async (request): Promise<NotificationCountDto> => {
    const actor = request.requireActor();
    request.authorize('notification.read', null);
    await markAllRead(ctx.db, actor.id, nowIso());
    return { unread: 0 };
  });
}
