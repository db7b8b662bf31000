import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { pageTask } from '../../domain/testing/factories.js';
import { statusA } from '../../domain/testing/factories.js';
import { createStatusSender, createStatusStore, createTaskSender, createTaskStore, postedError, receivedError, seedKeys } from './protocol.js';

describe('tasks between the threads', () => {
  it('a task crosses once; later answers name it by number, and a task no longer listed is let go', () => {
    const send = createTaskSender();
    const store = createTaskStore();
    const [a, b, c] = [pageTask('corp-ad', 'users', [], { id: 'a' }), pageTask('corp-ad', 'users', [], { id: 'b' }), pageTask('corp-ad', 'users', [], { id: 'c' })];
    // structuredClone: what postMessage does to the tasks on their way.
    const cross = (slug: string, tasks: typeof a[]) => store.receive(slug, structuredClone(send(slug, tasks)));

    const first = cross('corp-ad', [a, b]);
    const delta = send('corp-ad', [a, b, c]);
    expect(delta.added.map(([, task]) => task.id)).toEqual(['c']);
    const second = store.receive('corp-ad', structuredClone(delta));
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).toEqual(c);

    // b left the list: when it comes back it crosses again, and another source's books are its own.
    cross('corp-ad', [a, c]);
    expect(send('corp-ad', [a, b, c]).added.map(([, task]) => task.id)).toEqual(['b']);
    expect(send('corp-eu', [a]).added).toHaveLength(1);
  });

  it('a seed names the tasks the UI thread read itself: the first answer sends only the tasks it does not hold', () => {
    const keys = new Map<object, string>();
    const keyOf = (task: object) => keys.get(task);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => pageTask('corp-ad', 'users', [], { id }));
    // The UI thread's own a and b; the worker decoded the same bytes into objects of its own, with the same keys.
    const [workerA, workerB] = [structuredClone(a!), structuredClone(b!)];
    for (const [task, key] of [[a, 'ka'], [b, 'kb'], [workerA, 'ka'], [workerB, 'kb']] as const) keys.set(task!, key);
    const send = createStatusSender({ keyOf, isStandIn: () => false });
    const store = createStatusStore();
    send.seed('corp-ad', seedKeys([a!, b!], keyOf));
    store.seed('corp-ad', [a!, b!]);

    const posted = send('corp-ad', statusA([workerB, workerA, c!]));
    expect(posted.same).toBe(false);
    expect(!posted.same && posted.added.map(([, task]) => task.id)).toEqual(['c']);
    const received = store.receive('corp-ad', structuredClone(posted));
    expect(received.tasks[0]).toBe(b);
    expect(received.tasks[1]).toBe(a);
    expect(received.tasks[2]).toEqual(c);
    // From then on the books go by the worker's objects, as without a seed.
    const next = send('corp-ad', statusA([workerA, c!]));
    expect(!next.same && next.added).toEqual([]);
    expect(store.receive('corp-ad', structuredClone(next)).tasks[0]).toBe(a);
  });

  it('a stand-in (a task the worker no longer keeps) is named by its key, and one the UI thread lacks is a fault, never sent', () => {
    const keys = new Map<object, string>();
    const standIns = new Set<object>();
    const identity = { keyOf: (task: object) => keys.get(task), isStandIn: (task: object) => standIns.has(task) };
    const a = pageTask('corp-ad', 'users', [], { id: 'a' });
    keys.set(a, 'ka');
    const send = createTaskSender(identity);
    const store = createTaskStore();
    const first = store.receive('corp-ad', structuredClone(send('corp-ad', [a])));
    const standIn = {} as typeof a;
    keys.set(standIn, 'ka');
    standIns.add(standIn);
    const again = send('corp-ad', [standIn]);
    expect(again.added).toEqual([]);
    expect(store.receive('corp-ad', structuredClone(again))[0]).toBe(first[0]);
    const stranger = {} as typeof a;
    keys.set(stranger, 'kz');
    standIns.add(stranger);
    expect(() => send('corp-ad', [stranger])).toThrow(/stand-in/);
  });

  it('an unchanged status crosses as one word and comes out as the very object of last time', () => {
    const send = createStatusSender();
    const store = createStatusStore();
    const status = statusA([pageTask('corp-ad', 'users', [])]);
    const first = store.receive('corp-ad', structuredClone(send('corp-ad', status)));
    const again = send('corp-ad', status);
    expect(again).toEqual({ same: true });
    expect(store.receive('corp-ad', again)).toBe(first);
    const changed = store.receive('corp-ad', structuredClone(send('corp-ad', { ...status, isRunning: true })));
    expect(changed).toMatchObject({ isRunning: true });
    expect(changed.tasks[0]).toBe(first.tasks[0]);
  });

  it('keeps the kind, sentence, status and permission of an ApiError; anything else is an internal fault', () => {
    const forbidden = new ApiError('forbidden', 'Not allowed.', 403, 'authentik_sources_ldap.view_ldapsource');
    const back = receivedError(structuredClone(postedError(forbidden)));
    expect(back).toBeInstanceOf(ApiError);
    expect({ ...back, message: back.message }).toMatchObject({ kind: 'forbidden', message: 'Not allowed.', status: 403, permission: forbidden.permission });

    const bug = receivedError(postedError(new TypeError('x is undefined')));
    expect(bug.kind).toBe('bad_response');
    expect(bug.message).not.toContain('undefined');
    expect(receivedError({ kind: 'weird' as 'server', message: 'x' }).kind).toBe('bad_response');
  });
});
