/** What the command line asks for. */
export interface CliOptions {
  /** Sandbox port (0: a free one). Default 4010. */
  port: number;
  host: string;
  /** Also start the model stand-in on this port. */
  modelPort: number | undefined;
  /** Seeded random faults with the default rates. */
  seed: number | undefined;
  /** Server-wide fault lists (`--fault`, repeatable). */
  faults: string[];
  /** Pause between the model stand-in's streamed deltas. */
  chunkDelayMs: number;
  /** No per-request log lines. */
  quiet: boolean;
}

/** A parsed command line. */
export type CliCommand = { kind: 'help' } | { kind: 'run'; options: CliOptions };

/** A command line the CLI cannot run; the message says why. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** The `--help` text. */
export const HELP_TEXT = `Usage: adstract-sandbox [options]

Runs a local Adstract API (POST /api/ad-injection/start/ and /acknowledge/) that follows the public
contract, with faults on demand, and optionally an OpenAI-compatible model stand-in.

Options:
  --port <n>          sandbox port (default 4010; 0 picks a free port)
  --host <host>       interface to listen on (default 127.0.0.1)
  --model-port <n>    also start the model stand-in on this port (0 picks a free port)
  --chunk-delay <ms>  pause between the stand-in's streamed words (default 0)
  --seed <n>          seeded random faults with the default rates
  --fault <list>      faults for every request, e.g. "latency=200" or "ack=500" (repeatable)
  --quiet             no per-request log lines
  --help              show this help

API keys: any adpk_… key works; adpk_unknown… answers 401, adpk_revoked… answers 403.
Per request: put [sandbox:fill], [sandbox:no_fill], [sandbox:rejected] or [sandbox:fault=LIST]
in the prompt, or send an X-Sandbox-Fault: LIST header.
`;

const PORT_OPTIONS = new Set(['--port', '--model-port']);

/** Parses the command line; throws `CliUsageError` for anything it does not understand. */
export function parseArguments(argv: readonly string[]): CliCommand {
  const options: CliOptions = {
    port: 4010,
    host: '127.0.0.1',
    modelPort: undefined,
    seed: undefined,
    faults: [],
    chunkDelayMs: 0,
    quiet: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--help' || argument === '-h') return { kind: 'help' };
    if (argument === '--quiet') {
      options.quiet = true;
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    const inline = equals === -1 ? undefined : argument.slice(equals + 1);
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--'))
        throw new CliUsageError(`${name} needs a value`);
      index++;
      return next;
    };
    switch (name) {
      case '--port':
      case '--model-port': {
        const port = integer(takeValue(), name, 0, 65_535);
        if (name === '--port') options.port = port;
        else options.modelPort = port;
        break;
      }
      case '--host':
        options.host = takeValue();
        if (options.host === '') throw new CliUsageError('--host needs a value');
        break;
      case '--seed':
        options.seed = integer(takeValue(), name, 0, 2 ** 32 - 1);
        break;
      case '--fault':
        options.faults.push(takeValue());
        break;
      case '--chunk-delay':
        options.chunkDelayMs = integer(takeValue(), name, 0, 60_000);
        break;
      default:
        throw new CliUsageError(`unknown option ${name}`);
    }
  }
  if (
    options.modelPort !== undefined &&
    options.modelPort !== 0 &&
    options.modelPort === options.port
  ) {
    throw new CliUsageError('--model-port must differ from --port');
  }
  return { kind: 'run', options };
}

function integer(value: string, name: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) {
    const what = PORT_OPTIONS.has(name) ? 'a port' : 'an integer';
    throw new CliUsageError(`${name} must be ${what} from ${min} to ${max} (got "${value}")`);
  }
  return number;
}
