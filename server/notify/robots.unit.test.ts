// The robots' payloads, the 4,096-byte cut, 钉钉's 加签 (computed here again from the spec), and
// which answers are retried.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deliver, formatDingtalk, formatWecom, MAX_CONTENT_BYTES, RetryableDeliveryError, signDingtalkUrl, truncateUtf8, type Robot } from './robots.js';

const message = { title: '到期提醒（2 条）', lines: ['- 部门协办请求明天到期', '- 巡查已逾期'], link: 'https://qudi.example.cn/notifications' };

describe('robot payloads', () => {
  it('builds the 企业微信 markdown message', () => {
    expect(formatWecom(message)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 到期提醒（2 条）\n\n- 部门协办请求明天到期\n- 巡查已逾期\n\n[查看详情](https://qudi.example.cn/notifications)' },
    });
  });

  it('builds the 钉钉 markdown message with a title', () => {
    expect(formatDingtalk({ title: '测试', lines: ['一行'] })).toEqual({ msgtype: 'markdown', markdown: { title: '测试', text: '### 测试\n\n一行' } });
  });

  it('cuts content to 4,096 bytes of UTF-8 at a character boundary, ending with …', () => {
    const lines = Array.from({ length: 800 }, (_, i) => `- 第${i}条：镇街任务表逾期未报送`);
    for (const payload of [formatWecom({ title: '长', lines }).markdown.content, formatDingtalk({ title: '长', lines }).markdown.text]) {
      expect(Buffer.byteLength(payload, 'utf8')).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
      expect(payload.endsWith('…')).toBe(true);
      expect(payload).not.toContain('\uFFFD');
      expect(Buffer.from(payload, 'utf8').toString('utf8')).toBe(payload);
    }
    // Three-byte characters: the cut never splits one; four-byte emoji neither.
    expect(truncateUtf8('取缔'.repeat(3000))).toMatch(/^(取缔|取|缔)+…$/);
    const emoji = truncateUtf8('😀'.repeat(2000), 10);
    expect(emoji).toBe('😀…');
    expect(truncateUtf8('short')).toBe('short');
  });
});

describe('钉钉 加签', () => {
  it('adds timestamp and the URL-encoded base64 HMAC-SHA256 of timestamp + "\\n" + secret', () => {
    const secret = 'SEC0123456789abcdef';
    const now = 1_700_000_000_123;
    const expected = encodeURIComponent(createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`${now}\n${secret}`, 'utf8')).digest('base64'));
    const signed = signDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, now);
    expect(signed).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${now}&sign=${expected}`);
  });
});

describe('delivery', () => {
  const robot: Robot = { platform: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY123', secret: null };
  const answer = (status: number, body: unknown) => (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;
  const payload = formatWecom(message);

  it('is delivered on errcode 0', async () => {
    expect(await deliver(robot, payload, answer(200, { errcode: 0, errmsg: 'ok' }))).toEqual({ status: 'ok' });
  });

  it('is refused, not retried, on errcode ≠ 0 or a 4xx', async () => {
    expect(await deliver(robot, payload, answer(200, { errcode: 93000, errmsg: 'invalid webhook url' }))).toEqual({ status: 'refused', error: 'HTTP 200 errcode 93000 invalid webhook url' });
    expect((await deliver(robot, payload, answer(404, 'not found'))).status).toBe('refused');
    expect((await deliver(robot, payload, answer(200, '<html>'))).status).toBe('refused');
  });

  it('throws to be retried on 5xx, 429, a rate-limit errcode, a network error and a timeout — never naming the key', async () => {
    await expect(deliver(robot, payload, answer(500, 'oops'))).rejects.toBeInstanceOf(RetryableDeliveryError);
    await expect(deliver(robot, payload, answer(429, ''))).rejects.toBeInstanceOf(RetryableDeliveryError);
    await expect(deliver(robot, payload, answer(200, { errcode: 45009, errmsg: 'api freq out of limit' }))).rejects.toBeInstanceOf(RetryableDeliveryError);
    const down = (async () => {
      throw new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED for ${robot.url}`) });
    }) as unknown as typeof fetch;
    const err = await deliver(robot, payload, down).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableDeliveryError);
    expect((err as Error).message).not.toContain('SECRETKEY123');
    const slow = (async () => {
      throw new DOMException('timed out', 'TimeoutError');
    }) as unknown as typeof fetch;
    await expect(deliver(robot, payload, slow)).rejects.toThrow(/秒内未应答/);
  });

  it('posts the signed URL for a 钉钉 robot with a secret, the plain one without', async () => {
    const seen: string[] = [];
    const spy = (async (url: string) => {
      seen.push(url);
      return new Response('{"errcode":0}');
    }) as unknown as typeof fetch;
    await deliver({ platform: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECx' }, formatDingtalk(message), spy, 42);
    await deliver({ platform: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: null }, formatDingtalk(message), spy, 42);
    expect(seen[0]).toBe(signDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECx', 42));
    expect(seen[1]).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
  });
});
