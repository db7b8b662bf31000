import { describe, expect, it } from 'vitest';
import { parseYaml } from './yaml-subset.js';

describe('parseYaml', () => {
  it('reads the constructs authentik’s schema uses', () => {
    const text = [
      '# comment',
      'paths:',
      '  /a/{slug}/:',
      '    get:',
      '      security:',
      '      - authentik: []',
      "      responses:",
      "        '200':",
      "          $ref: '#/components/x'",
      'components:',
      '  S:',
      '    description: |-',
      '      first line',
      '      second line',
      '    required:',
      '    - a',
      '    - b',
      '    long: a plain scalar',
      '      that continues',
      '    extra: {}',
      '    max: 9223372036854775807',
      '    flag: true',
    ].join('\n');
    expect(parseYaml(text)).toEqual({
      paths: { '/a/{slug}/': { get: { security: [{ authentik: [] }], responses: { '200': { $ref: '#/components/x' } } } } },
      components: {
        S: {
          description: 'first line\nsecond line',
          required: ['a', 'b'],
          long: 'a plain scalar that continues',
          extra: {},
          max: 9223372036854775807,
          flag: true,
        },
      },
    });
  });
});

describe('parseYaml on the schema excerpts', () => {
  it.each(['schema-2024.8-ldap-sync.yaml', 'schema-2026.8.3-ldap-sync.yaml'])('reads %s', async (file) => {
    const { readFileSync } = await import('node:fs');
    const { schemaDir } = await import('./schema-dir.js');
    const doc = parseYaml(readFileSync(`${schemaDir()}/${file}`, 'utf8')) as any;
    expect(Object.keys(doc.paths)).toContain('/sources/ldap/{slug}/sync/status/');
    expect(doc.components.schemas.LogEvent.required).toEqual(['attributes', 'event', 'log_level', 'logger', 'timestamp']);
    expect(doc.components.schemas.Pagination.properties.next).toEqual({ type: 'number' });
  });
});
