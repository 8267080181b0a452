import { describe, expect, it } from 'vitest';
import { maskWebhookUrl, webhookCreateSchema, webhookUpdateSchema, webhookUrlProblem } from './webhooks.js';

describe('webhook URLs', () => {
  it('are https, or http on this machine only', () => {
    expect(webhookUrlProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/robot?key=x')).toBeNull();
    expect(webhookUrlProblem('http://localhost/robot')).toBeNull();
    expect(webhookUrlProblem('http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x')).toMatch(/https/);
    expect(webhookUrlProblem('ftp://x')).toMatch(/https/);
    expect(webhookUrlProblem('不是地址')).toMatch(/完整/);
  });

  it('are shown masked: scheme, host, the start of the path, no key or token', () => {
    expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****');
    expect(maskWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=abcdef')).toBe('https://oapi.dingtalk.com/robot/send?access_token=****');
    expect(maskWebhookUrl('https://hooks.example.com/services/T000/B000/XXXXXXXXXXXXXXXX')).toBe('https://hooks.example.com/services/T000/B000/…');
    expect(maskWebhookUrl('nonsense')).toBe('****');
  });
});

describe('webhook schemas', () => {
  const good = { orgUnitId: 3, platform: 'wecom', name: '某镇取缔群', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' };
  it('take one unit, a known platform, no unknown field, a secret only for 钉钉', () => {
    expect(webhookCreateSchema.safeParse(good).success).toBe(true);
    expect(webhookCreateSchema.safeParse({ ...good, platform: 'feishu' }).error?.issues[0]?.message).toMatch(/企业微信/);
    expect(webhookCreateSchema.safeParse({ ...good, departmentId: 2 }).error?.issues[0]?.message).toMatch(/只选一个/);
    expect(webhookCreateSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(webhookCreateSchema.safeParse({ ...good, secret: 'SEC1' }).error?.issues[0]?.message).toMatch(/钉钉/);
    expect(webhookCreateSchema.safeParse({ ...good, platform: 'dingtalk', secret: 'SEC1' }).success).toBe(true);
    expect(webhookUpdateSchema.safeParse({ secret: null, enabled: false }).success).toBe(true);
    expect(webhookUpdateSchema.safeParse({ platform: 'wecom' }).success).toBe(false);
  });
});
