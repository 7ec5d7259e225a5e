import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../src/testing';
import { loadSnippets, parseSnippets, renderSnippet, snippetText } from '../src/snippets';

const file = (...lines: string[]) => lines.join('\n');

describe('parseSnippets', () => {
  it('keeps the code between the markers, dedented, with the file line of each line', () => {
    const [snippet] = parseSnippets(
      'a.ts',
      file('x', '  // @@@SNIPSTART demo', '  const a = 1;', '    return a;', '  // @@@SNIPEND', 'y'),
    );
    expect(snippet).toMatchObject({
      id: 'demo',
      file: 'a.ts',
      lines: ['const a = 1;', '  return a;'],
      lineNumbers: [3, 4],
    });
  });

  it.each([
    [
      file('// @@@SNIPSTART a', 'x', '// @@@SNIPSTART b', 'y', '// @@@SNIPEND'),
      'a.ts:3: snippet "b" starts inside snippet "a"',
    ],
    [file('x', '// @@@SNIPSTART a', 'y'), 'a.ts:2: snippet "a" is never closed'],
    [file('x', '// @@@SNIPEND'), 'a.ts:2: @@@SNIPEND without a @@@SNIPSTART'],
    [file('// @@@SNIPSTART a', '// @@@SNIPEND'), 'a.ts:1: snippet "a" is empty'],
    [file('// @@@SNIPSTART a', '// @@@SNIPPART p', 'x', '// @@@SNIPEND'), 'a.ts:4: part "p" (line 2) is not closed'],
  ])('names the file and line of a bad marker (%#)', (text, message) => {
    expect(() => parseSnippets('a.ts', text)).toThrow(message);
  });
});

describe('renderSnippet', () => {
  const [snippet] = parseSnippets(
    'a.ts',
    file(
      '// @@@SNIPSTART demo',
      'function f() {',
      '  // @@@SNIPPART body',
      '  const retry = 1;',
      '  return retry;',
      '  // @@@SNIPPARTEND',
      '}',
      '// @@@SNIPEND',
    ),
  );

  it('shows no marker and highlights lines by number or by text', () => {
    expect(renderSnippet(snippet!, { highlight: '1,3' })).toMatchObject({
      code: file('function f() {', '  const retry = 1;', '  return retry;', '}'),
      highlightLines: [1, 3],
      startLine: 2,
      endLine: 7,
    });
    expect(renderSnippet(snippet!, { highlight: 'retry' }).highlightLines).toEqual([2, 3]);
  });

  it('shows a named part on its own, with its own line numbers in the file', () => {
    expect(renderSnippet(snippet!, { part: 'body' })).toMatchObject({
      code: file('const retry = 1;', 'return retry;'),
      startLine: 4,
      endLine: 5,
    });
  });

  it('rejects an unknown part, a highlight out of range and text that is not there', () => {
    expect(() => renderSnippet(snippet!, { part: 'nope' })).toThrow('has no part "nope"; it has: body');
    expect(() => renderSnippet(snippet!, { highlight: '9' })).toThrow('not within lines 1-4');
    expect(() => renderSnippet(snippet!, { highlight: 'absent' })).toThrow('no line contains "absent"');
  });
});

describe('loadSnippets', () => {
  it('rejects an id used twice, naming both places', () => {
    const samples = path.join(scratchDir('snippets'), 'samples');
    mkdirSync(path.join(samples, 'one', 'src'), { recursive: true });
    writeFileSync(path.join(samples, 'one', 'src', 'a.ts'), file('// @@@SNIPSTART same', 'x', '// @@@SNIPEND'));
    writeFileSync(path.join(samples, 'one', 'src', 'b.ts'), file('', '// @@@SNIPSTART same', 'y', '// @@@SNIPEND'));
    expect(() => loadSnippets(samples)).toThrow(
      /samples\/one\/src\/b\.ts:2: snippet id "same" is already used at samples\/one\/src\/a\.ts:1/,
    );
  });

  it("finds the samples' snippets and rejects an unknown id", () => {
    const snippets = loadSnippets();
    expect(snippetText(snippets, 'hello-retry-activity')).toContain('Invoking activity, attempt number');
    expect(() => snippetText(snippets, 'no-such-snippet')).toThrow('unknown snippet id "no-such-snippet"');
  });
});
