import { describe, expect, it } from 'vitest';
import { CliUsageError, parseArguments } from './parse-arguments.js';

describe('parseArguments', () => {
  it('has defaults', () => {
    expect(parseArguments([])).toEqual({
      kind: 'run',
      options: {
        port: 4010,
        host: '127.0.0.1',
        modelPort: undefined,
        seed: undefined,
        faults: [],
        chunkDelayMs: 0,
        quiet: false,
      },
    });
  });

  it('reads every option, with a space or an equals sign', () => {
    expect(
      parseArguments([
        '--port',
        '0',
        '--host=0.0.0.0',
        '--model-port=4011',
        '--seed',
        '42',
        '--fault',
        'latency=10',
        '--fault=ack=500',
        '--chunk-delay',
        '15',
        '--quiet',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        port: 0,
        host: '0.0.0.0',
        modelPort: 4011,
        seed: 42,
        faults: ['latency=10', 'ack=500'],
        chunkDelayMs: 15,
        quiet: true,
      },
    });
  });

  it('answers help', () => {
    expect(parseArguments(['--port', '1', '--help'])).toEqual({ kind: 'help' });
    expect(parseArguments(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'abc'], '--port must be a port from 0 to 65535 (got "abc")'],
    [['--port', '70000'], '--port must be a port'],
    [['--port'], '--port needs a value'],
    [['--port', '--quiet'], '--port needs a value'],
    [['--seed', '-1'], '--seed must be an integer from 0 to 4294967295 (got "-1")'],
    [['--verbose'], 'unknown option --verbose'],
    [['--port', '5000', '--model-port', '5000'], 'must differ'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(CliUsageError);
    expect(() => parseArguments(argv)).toThrow(message);
  });
});
