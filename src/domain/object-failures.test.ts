import { describe, expect, it } from 'vitest';
import { objectFailures } from './object-failures.js';
import { message, pageTask } from './testing/factories.js';
import { viewTask } from './verdict.js';

const obj = (model: string, name: string) => ({ obj: { app: 'authentik_core', model_name: model, pk: 1187, name } });

describe('objectFailures', () => {
  it('names each object a provider failed to push, in both generations, with the reason', () => {
    const a = pageTask('7', 'users', [
      message('Syncing page 2 of Users'),
      { ...message('Failed to sync User m.okafor due to transient error: <Response [400]>', 'warning'), attributes: obj('user', 'Mary Okafor') },
      message('Failed to sync Group Group Engineering due to error: Object exists', 'warning'),
    ]);
    const b = pageTask('7', 'groups', [
      message("Failed to sync m.okafor due to transient error: Network error: {'detail': 'Attribute emails is required'}", 'warning'),
    ]);
    const failures = objectFailures([viewTask(a), viewTask(b)]);
    expect(failures.map((f) => [f.type, f.name, f.reason])).toEqual([
      ['user', 'm.okafor', 'transient error: <Response [400]>'],
      ['group', 'Engineering', 'error: Object exists'],
      // No type word in 2025.8+: the page's type says it.
      ['group', 'm.okafor', "transient error: Network error: {'detail': 'Attribute emails is required'}"],
    ]);
  });

  it('reads a stopped page (Entra, a mapping error) as a failure of the object that caused it', () => {
    const page = pageTask('5', 'users', [
      { ...message('Stopping sync due to error: Error Graph said no, caused by m.okafor (mapping Entra Mapping: user)', 'warning'), attributes: obj('user', 'Mary Okafor') },
    ]);
    const [failure] = objectFailures([viewTask(page)]);
    expect(failure).toMatchObject({ type: 'user', name: 'm.okafor', stoppedPage: true, reason: 'stopped the page: Error Graph said no' });
  });

  it('leaves out lines that name no object', () => {
    const page = pageTask('7', 'users', [message('No provider found. Is it assigned to an application?', 'warning'), message('Stopping sync due to error: Error No mappings configured', 'warning')]);
    expect(objectFailures([viewTask(page)])).toEqual([]);
  });
});
