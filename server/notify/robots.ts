// The group robots' side of a push (issue 17 §3, /work/shared/spec FORMATS "Group-robot webhooks"):
// the markdown payload each platform takes, 钉钉's 加签 of the URL, and one delivery with a timeout,
// classified so that the job queue retries only what may succeed later. A service: no database, no
// routes, no commands; the caller records the outcome.
import { createHmac } from 'node:crypto';
import type { WebhookMessage, WebhookPlatform } from '../../domain/webhooks.js';

/** Both robots take at most 4,096 bytes of markdown. */
export const MAX_CONTENT_BYTES = 4096;
/** A robot that has not answered by then is tried again later. */
export const DELIVERY_TIMEOUT_MS = 10_000;

const ELLIPSIS = '…';

/** `text` cut to at most `maxBytes` bytes of UTF-8 at a character boundary, ending with … when cut. */
export function truncateUtf8(text: string, maxBytes: number = MAX_CONTENT_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(ELLIPSIS, 'utf8');
  let used = 0;
  let out = '';
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > budget) break;
    used += n;
    out += ch;
  }
  return out + ELLIPSIS;
}

function markdown(message: WebhookMessage, heading: string): string {
  const parts = [`${heading} ${message.title}`, '', ...message.lines];
  if (message.link) parts.push('', `[查看详情](${message.link})`);
  return parts.join('\n');
}

export interface WecomPayload {
  msgtype: 'markdown';
  markdown: { content: string };
}
export interface DingtalkPayload {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
}
export type RobotPayload = WecomPayload | DingtalkPayload;

/** 企业微信: `{"msgtype":"markdown","markdown":{"content":"…"}}`, content ≤ 4,096 bytes. */
export function formatWecom(message: WebhookMessage): WecomPayload {
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(markdown(message, '###')) } };
}

/** 钉钉: `{"msgtype":"markdown","markdown":{"title":"…","text":"…"}}`, text ≤ 4,096 bytes. */
export function formatDingtalk(message: WebhookMessage): DingtalkPayload {
  return { msgtype: 'markdown', markdown: { title: truncateUtf8(message.title, 256), text: truncateUtf8(markdown(message, '###')) } };
}

export function formatFor(platform: WebhookPlatform, message: WebhookMessage): RobotPayload {
  return platform === 'wecom' ? formatWecom(message) : formatDingtalk(message);
}

/** 钉钉 加签: the URL with `timestamp` (ms) and `sign` = base64 HMAC-SHA256 of `timestamp + "\n" + secret`, keyed with the secret. */
export function signDingtalkUrl(url: string, secret: string, nowMs: number): string {
  const sign = createHmac('sha256', secret).update(`${nowMs}\n${secret}`, 'utf8').digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(nowMs));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** A robot as a delivery needs it. */
export interface Robot {
  platform: WebhookPlatform;
  url: string;
  secret: string | null;
}

/** The robot took the message (errcode 0), or refused it (a bad payload, a wrong key: not retried). */
export type DeliveryOutcome = { status: 'ok' } | { status: 'refused'; error: string };

/** Thrown for what may succeed later (network, timeout, 5xx, rate limit): the job queue retries it with backoff. */
export class RetryableDeliveryError extends Error {
  override name = 'RetryableDeliveryError';
}

/** Rate limits: 企业微信 45009 (接口调用超过限制), 钉钉 130101 (发送太快) and 660026. */
const RATE_LIMIT_ERRCODES = new Set([45009, 130101, 660026]);

/** Cuts anything that could carry the URL's key or token out of an error before it is kept. */
function scrub(text: string, robot: Robot): string {
  let out = text;
  for (const secret of [robot.url, robot.secret, ...new URL(robot.url).searchParams.values()]) if (secret && secret.length >= 4) out = out.split(secret).join('****');
  return out.slice(0, 500);
}

/**
 * Posts `payload` to the robot (signed when it is a 钉钉 robot with a secret): answers ok or refused,
 * throws RetryableDeliveryError for what is worth trying again.
 */
export async function deliver(robot: Robot, payload: RobotPayload, fetchImpl: typeof fetch = fetch, nowMs: number = Date.now()): Promise<DeliveryOutcome> {
  const url = robot.platform === 'dingtalk' && robot.secret ? signDingtalkUrl(robot.url, robot.secret, nowMs) : robot.url;
  let res: Response;
  let body: string;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: 'error',
    });
    body = await res.text();
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new RetryableDeliveryError(timedOut ? `机器人 ${DELIVERY_TIMEOUT_MS / 1000} 秒内未应答` : scrub(`网络错误：${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`, robot));
  }
  let answer: { errcode?: unknown; errmsg?: unknown } | null = null;
  try {
    answer = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
  } catch {
    answer = null;
  }
  const errcode = typeof answer?.errcode === 'number' ? answer.errcode : null;
  const errmsg = typeof answer?.errmsg === 'string' ? answer.errmsg : '';
  if (res.status >= 500 || res.status === 429 || (errcode !== null && RATE_LIMIT_ERRCODES.has(errcode)))
    throw new RetryableDeliveryError(scrub(`HTTP ${res.status}${errcode !== null ? ` errcode ${errcode}` : ''}${errmsg ? ` ${errmsg}` : ''}`, robot));
  if (res.status >= 200 && res.status < 300 && errcode === 0) return { status: 'ok' };
  if (res.status >= 200 && res.status < 300 && errcode === null) return { status: 'refused', error: scrub(`机器人的应答无法识别（HTTP ${res.status}）`, robot) };
  return { status: 'refused', error: scrub(`HTTP ${res.status}${errcode !== null ? ` errcode ${errcode}` : ''}${errmsg ? ` ${errmsg}` : ''}`, robot) };
}
