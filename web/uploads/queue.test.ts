// The upload queue's order of things, with a fake transport instead of tus and the network.
import { describe, expect, it, vi } from 'vitest';
import { createUploadQueue, DONE_VISIBLE_MS, type UploadEvents, type UploadQueueOptions } from './queue.js';

interface Req {
  name: string;
  size: number;
}

interface FakeHandle {
  request: Req;
  events: UploadEvents;
  starts: number;
  aborts: boolean[];
}

function setup(options: Partial<UploadQueueOptions<Req>> = {}) {
  const handles: FakeHandle[] = [];
  const timers: (() => void)[] = [];
  const forget = vi.fn<(r: Req) => void>();
  const onDone = vi.fn();
  const queue = createUploadQueue<Req>({
    idPrefix: 'q',
    sizeOf: (r) => r.size,
    transport: (request, events) => {
      const h: FakeHandle = { request, events, starts: 0, aborts: [] };
      handles.push(h);
      return { start: () => void h.starts++, abort: (giveUp) => void h.aborts.push(giveUp) };
    },
    keepAfterFailure: false,
    forget,
    onDone,
    setTimer: (run, ms) => {
      expect(ms).toBe(DONE_VISIBLE_MS);
      timers.push(run);
    },
    ...options,
  });
  const status = () => queue.tasks().map((t) => `${t.request.name}:${t.status}`);
  /** The transport of the file, the last one made for it. */
  const handleOf = (name: string) => handles.filter((h) => h.request.name === name).at(-1)!;
  const idOf = (name: string) => queue.tasks().find((t) => t.request.name === name)!.id;
  return { queue, handles, timers, forget, onDone, status, handleOf, idOf };
}

const files = (...names: string[]) => names.map((name, i) => ({ name, size: 100 * (i + 1) }));
const ok = { attachmentId: 1, duplicate: false, earlierRound: false };

describe('the upload queue', () => {
  it('sends one file at a time, in the order queued, each to the end', () => {
    const { queue, handles, status, handleOf, onDone } = setup();
    queue.enqueue(files('a', 'b'));
    queue.enqueue(files('c'));
    expect(status()).toEqual(['a:uploading', 'b:waiting', 'c:waiting']);
    expect(handles.map((h) => [h.request.name, h.starts])).toEqual([['a', 1]]);

    handleOf('a').events.onProgress(40, 100);
    expect(queue.tasks()[0]).toMatchObject({ sent: 40, total: 100, status: 'uploading' });
    handleOf('a').events.onRetry();
    expect(status()).toEqual(['a:retrying', 'b:waiting', 'c:waiting']);

    handleOf('a').events.onSuccess({ attachmentId: 7, duplicate: true, earlierRound: false });
    expect(queue.tasks()[0]).toMatchObject({ status: 'done', sent: 100, total: 100, duplicate: true, earlierRound: false, attachmentId: 7 });
    expect(onDone).toHaveBeenCalledWith({ name: 'a', size: 100 }, { attachmentId: 7, duplicate: true, earlierRound: false });
    expect(status()).toEqual(['a:done', 'b:uploading', 'c:waiting']);
  });

  it('numbers tasks with its prefix and tells subscribers of every change', () => {
    const { queue } = setup();
    const listener = vi.fn();
    const unsubscribe = queue.subscribe(listener);
    const before = queue.tasks();
    queue.enqueue(files('a', 'b'));
    expect(queue.tasks().map((t) => t.id)).toEqual(['q1', 'q2']);
    expect(queue.tasks()).not.toBe(before);
    expect(listener).toHaveBeenCalled();
    unsubscribe();
    listener.mockClear();
    queue.retry('q2');
    expect(listener).not.toHaveBeenCalled();
  });

  it('clears a finished row after a moment, unless it must stay until dismissed', () => {
    const { queue, timers, status, handleOf, idOf } = setup({ lingers: (o) => o.earlierRound });
    queue.enqueue(files('old', 'new'));
    handleOf('old').events.onSuccess({ attachmentId: 2, duplicate: false, earlierRound: true });
    handleOf('new').events.onSuccess(ok);
    expect(timers).toHaveLength(1);
    timers[0]();
    expect(status()).toEqual(['old:done']);
    // Dismissing a finished file drops nothing: it is stored.
    queue.remove(idOf('old'));
    expect(status()).toEqual([]);
    expect(handleOf('old').aborts).toEqual([]);
  });

  it('with a transport that remembers the upload itself: a retry makes a new transport, a failed file given up is forgotten', () => {
    const { queue, handles, forget, status, handleOf, idOf } = setup({ keepAfterFailure: false });
    queue.enqueue(files('a', 'b'));
    handleOf('a').events.onError('网络中断', true);
    expect(queue.tasks()[0]).toMatchObject({ status: 'failed', error: '网络中断', retryable: true });
    expect(status()).toEqual(['a:failed', 'b:uploading']);

    handleOf('b').events.onSuccess(ok);
    queue.retry(idOf('a'));
    expect(queue.tasks().find((t) => t.request.name === 'a')).toMatchObject({ status: 'uploading', error: null });
    expect(handles.filter((h) => h.request.name === 'a')).toHaveLength(2);

    handleOf('a').events.onError('文件过大', false);
    queue.remove(idOf('a'));
    expect(forget).toHaveBeenCalledWith({ name: 'a', size: 100 });
    expect(handles.flatMap((h) => h.aborts)).toEqual([]);
  });

  it('with a transport that remembers nothing: a network failure keeps it to continue in place, a refusal does not', () => {
    const { queue, handles, forget, handleOf, idOf } = setup({ keepAfterFailure: true, forget: undefined });
    queue.enqueue(files('a'));
    const first = handleOf('a');
    first.events.onError('网络中断', true);
    queue.retry(idOf('a'));
    expect(handles).toHaveLength(1);
    expect(first.starts).toBe(2);

    first.events.onError('网络中断', true);
    queue.remove(idOf('a'));
    expect(first.aborts).toEqual([true]);
    expect(forget).not.toHaveBeenCalled();

    queue.enqueue(files('b'));
    handleOf('b').events.onError('不支持的文件类型', false);
    queue.retry(idOf('b'));
    expect(handles.filter((h) => h.request.name === 'b')).toHaveLength(2);
  });

  it('gives up a file on its way (dropped on the server too) and goes on with the next', () => {
    const { queue, forget, status, handleOf, idOf } = setup();
    queue.enqueue(files('a', 'b'));
    queue.remove(idOf('a'));
    expect(handleOf('a').aborts).toEqual([true]);
    expect(forget).not.toHaveBeenCalled();
    expect(status()).toEqual(['b:uploading']);
  });

  it('forgets a waiting file given up, which never had a transport', () => {
    const { queue, forget, handles, status, idOf } = setup();
    queue.enqueue(files('a', 'b'));
    queue.remove(idOf('b'));
    expect(forget).toHaveBeenCalledWith({ name: 'b', size: 200 });
    expect(handles).toHaveLength(1);
    expect(status()).toEqual(['a:uploading']);
  });

  it('back online, sends again what stopped for the network, not what the server refused', () => {
    const { queue, status, handleOf } = setup();
    queue.enqueue(files('a', 'b', 'c'));
    handleOf('a').events.onError('网络中断', true);
    handleOf('b').events.onError('文件过大', false);
    handleOf('c').events.onError('网络中断', true);
    expect(status()).toEqual(['a:failed', 'b:failed', 'c:failed']);
    queue.resumeStopped();
    expect(status()).toEqual(['a:uploading', 'b:failed', 'c:waiting']);
    expect(queue.tasks()[0].error).toBeNull();
  });

  it('does nothing back online when nothing stopped', () => {
    const { queue } = setup();
    queue.enqueue(files('a'));
    const listener = vi.fn();
    queue.subscribe(listener);
    queue.resumeStopped();
    expect(listener).not.toHaveBeenCalled();
  });

  it('shows a file refused before sending as failed, for good, without sending anything', () => {
    const { queue, handles } = setup();
    queue.refuse({ name: 'big.mp4', size: 9e9 }, '文件过大');
    expect(queue.tasks()).toEqual([
      { id: 'q1', request: { name: 'big.mp4', size: 9e9 }, status: 'failed', sent: 0, total: 9e9, error: '文件过大', retryable: false, duplicate: false, earlierRound: false, attachmentId: null },
    ]);
    expect(handles).toHaveLength(0);
  });
});
