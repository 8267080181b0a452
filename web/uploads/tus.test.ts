// How the tus glue reads the server's answers: which failures are worth trying again, in whose
// words a failure is told, and what a finished upload's body says.
import { DetailedError, type HttpResponse } from 'tus-js-client';
import { describe, expect, it } from 'vitest';
import { retryableStatus, uploadErrorMessage, uploadOutcome } from './tus.js';

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

  it('reads a finished upload’s answer: one copy kept, or taken before a recurrence; a HEAD answer says neither', () => {
    expect(uploadOutcome(JSON.stringify({ duplicate: true, attachment: { earlierRound: false } }))).toEqual({ duplicate: true, earlierRound: false });
    expect(uploadOutcome(JSON.stringify({ duplicate: false, attachment: { earlierRound: true } }))).toEqual({ duplicate: false, earlierRound: true });
    expect(uploadOutcome('')).toEqual({ duplicate: false, earlierRound: false });
    expect(uploadOutcome('null')).toEqual({ duplicate: false, earlierRound: false });
  });
});
