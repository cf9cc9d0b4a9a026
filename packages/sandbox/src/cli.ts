import { describeStartupError } from './cli/describe-startup-error.js';
import { HELP_TEXT, parseArguments } from './cli/parse-arguments.js';
import { type Served, serve } from './cli/serve.js';

/** The `adstract-sandbox` command: parses the arguments, serves until SIGINT/SIGTERM. */
async function main(argv: readonly string[]): Promise<void> {
  let host = '127.0.0.1';
  let served: Served;
  try {
    const command = parseArguments(argv);
    if (command.kind === 'help') {
      process.stdout.write(HELP_TEXT);
      return;
    }
    host = command.options.host;
    served = await serve(command.options, (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    process.stderr.write(`adstract-sandbox: ${describeStartupError(error, host)}\n`);
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    served.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main(process.argv.slice(2));
