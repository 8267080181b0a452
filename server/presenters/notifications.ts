// A notice as the inbox shows it.
import type { NotificationDto, NotificationKind } from '../../domain/notifications.js';
import type { NotificationRow } from '../db/schema.js';

export function presentNotification(r: NotificationRow): NotificationDto {
  return { id: r.id, kind: r.kind as NotificationKind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at };
}
