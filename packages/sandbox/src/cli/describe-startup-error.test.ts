import { describe, expect, it } from 'vitest';
import { FaultSyntaxError } from '../sandbox/fault.js';
import { describeStartupError } from './describe-startup-error.js';
import { CliUsageError } from './parse-arguments.js';

const nodeError = (code: string, port?: number) =>
  Object.assign(new Error(`listen ${code}`), { code, port });

describe('describeStartupError', () => {
  it('explains usage and listen errors in one line', () => {
    expect(describeStartupError(new CliUsageError('unknown option --x'), 'h')).toBe(
      'unknown option --x. Run adstract-sandbox --help for usage.',
    );
    expect(describeStartupError(new FaultSyntaxError('sandbox fault "x": unknown'), 'h')).toContain(
      '--help',
    );
    expect(describeStartupError(nodeError('EADDRINUSE', 4010), '127.0.0.1')).toBe(
      'port 4010 on 127.0.0.1 is already in use. Stop what uses it, or pick another with --port (0 picks a free one).',
    );
    expect(describeStartupError(nodeError('EACCES', 80), '127.0.0.1')).toContain('above 1023');
    expect(describeStartupError(nodeError('EADDRNOTAVAIL'), '10.9.9.9')).toContain('10.9.9.9');
    expect(describeStartupError('odd', 'h')).toBe('odd');
  });
});
