import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting, doubles quotes, ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });
  it('defuses cells a spreadsheet would run as formulas, but not numbers', () => {
    expect(toCsv(['c'], [['=HYPERLINK("x")'], ['@SUM(1)'], ['-2+3'], [-2]])).toBe('c\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(1)\r\n\'-2+3\r\n-2\r\n');
  });
});
