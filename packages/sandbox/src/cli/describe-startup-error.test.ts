import { describe, expect, it } from 'vitest';
import { FaultSyntaxError } from '../sandbox/fault.js';
import { describeStartupError } from './describe-startup-error.js';
import { CliUsageError } from './parse-arguments.js';
import { MODEL_SERVICE, SANDBOX_SERVICE, ServiceStartError } from './service-start-error.js';

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

  it("names the service whose port failed and that port's flag", () => {
    expect(
      describeStartupError(
        new ServiceStartError(MODEL_SERVICE, nodeError('EADDRINUSE', 4711)),
        '127.0.0.1',
      ),
    ).toBe(
      "the model stand-in's port 4711 on 127.0.0.1 is already in use. Stop what uses it, or pick another with --model-port (0 picks a free one).",
    );
    expect(
      describeStartupError(
        new ServiceStartError(SANDBOX_SERVICE, nodeError('EADDRINUSE', 4010)),
        '127.0.0.1',
      ),
    ).toBe(
      "the sandbox's port 4010 on 127.0.0.1 is already in use. Stop what uses it, or pick another with --port (0 picks a free one).",
    );
    expect(
      describeStartupError(new ServiceStartError(MODEL_SERVICE, nodeError('EACCES', 80)), 'h'),
    ).toBe(
      "no permission to listen on the model stand-in's port 80 on h. Use a port above 1023 with --model-port.",
    );
  });
});
