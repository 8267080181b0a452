// How the tus glue reads the server's answers: which failures are worth trying again, in whose
// words a failure is told, and what a finished upload's body says.
import { DetailedError, type HttpResponse } from 'tus-js-client';
import { describe, expect, it } from 'vitest';
import { confirmUpload, retryableStatus, uploadErrorMessage, uploadOutcome } from './tus.js';

function refusal(status: number, body: string): DetailedError {
  const res = { getStatus: () => status, getBody: () => body } as unknown as HttpResponse;
  return Object.assign(new DetailedError('request failed'), { originalResponse: res });
}

describe('the tus glue', () => {
  it('tries the network and the server’s hiccups again, never its refusals', () => {
    for (const status of [0, 409, 423, 429, 500, 502, 503]) expect(retryableStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 410, 413, 415]) expect(retryableStatus(status)).toBe(false);
  });

  it('tells a refusal in the server’s own words, and whether trying again can help', () => {
    expect(uploadErrorMessage(refusal(413, JSON.stringify({ title: '文件过大', detail: '照片不能超过 20 MB' })))).toEqual({ message: '照片不能超过 20 MB', retryable: false });
    expect(uploadErrorMessage(refusal(415, JSON.stringify({ title: '不支持的文件类型' })))).toEqual({ message: '不支持的文件类型', retryable: false });
    expect(uploadErrorMessage(refusal(503, 'not json'))).toMatchObject({ retryable: true });
    expect(uploadErrorMessage(refusal(401, '{}'))).toMatchObject({ retryable: false });
    expect(uploadErrorMessage(refusal(0, ''))).toMatchObject({ retryable: true });
    expect(uploadErrorMessage(new Error('offline'))).toMatchObject({ retryable: true });
  });

  it('reads a finished upload’s answer: the file it became, one copy kept, or taken before a recurrence; an answer naming no file is no outcome', () => {
    expect(uploadOutcome(JSON.stringify({ duplicate: true, attachment: { id: 4, earlierRound: false } }))).toEqual({ attachmentId: 4, duplicate: true, earlierRound: false });
    expect(uploadOutcome(JSON.stringify({ duplicate: false, attachment: { id: 5, earlierRound: true } }))).toEqual({ attachmentId: 5, duplicate: false, earlierRound: true });
    expect(uploadOutcome('')).toBeNull();
    expect(uploadOutcome('null')).toBeNull();
    expect(uploadOutcome(JSON.stringify({ duplicate: false, attachment: { earlierRound: false } }))).toBeNull();
  });

  it('asks the server what a finished upload became: the file, resume what it lacks, or its refusal', async () => {
    const answer = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch;
    expect(await confirmUpload('/api/uploads/ab', answer(200, JSON.stringify({ duplicate: false, attachment: { id: 9, earlierRound: false } })))).toEqual({
      kind: 'done',
      outcome: { attachmentId: 9, duplicate: false, earlierRound: false },
    });
    expect(await confirmUpload('/api/uploads/ab', answer(409, JSON.stringify({ detail: '上传尚未完成' })))).toEqual({ kind: 'resume' });
    expect(await confirmUpload('/api/uploads/ab', answer(415, JSON.stringify({ detail: '不是照片或视频' })))).toEqual({ kind: 'failed', message: '不是照片或视频', retryable: false });
    expect(await confirmUpload('/api/uploads/ab', answer(503, ''))).toMatchObject({ kind: 'failed', retryable: true });
    expect(await confirmUpload('/api/uploads/ab', answer(200, '{}'))).toMatchObject({ kind: 'failed', retryable: true });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await confirmUpload('/api/uploads/ab', offline)).toMatchObject({ kind: 'failed', retryable: true });
  });
});
