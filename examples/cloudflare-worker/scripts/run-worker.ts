import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Miniflare } from 'miniflare';

const wrangler = JSON.parse(readFileSync(new URL('../wrangler.json', import.meta.url), 'utf8')) as {
  compatibility_date: string;
};

/** What the Worker reads from `env`: where the Adstract API and the model are, and their keys. */
export interface WorkerVariables {
  ADSTRACT_API_KEY: string;
  ADSTRACT_BASE_URL: string;
  OPENAI_API_KEY: string;
  OPENAI_BASE_URL: string;
}

/** A bundled Worker running in workerd. */
export interface RunningWorker {
  /** Where it listens (127.0.0.1). */
  url: URL;
  /** Sends a request to the Worker. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Every line workerd printed (the Worker's console output included), so far. */
  output(): string[];
  /** Stops workerd: whatever the Worker still had running ends with it. */
  dispose(): Promise<void>;
}

/**
 * Runs a bundled Worker in workerd through Miniflare, on 127.0.0.1, with wrangler.json's
 * compatibility date, `variables` as its `env` (and `process.env` under `nodejs_compat`).
 */
export async function runWorker(options: {
  scriptPath: string;
  variables: WorkerVariables;
  compatibilityFlags?: string[];
  /** Default 0: a free port. */
  port?: number;
  /** Called with each line workerd prints, as it prints it. */
  onOutput?: (line: string) => void;
}): Promise<RunningWorker> {
  const lines: string[] = [];
  const record = (line: string) => {
    lines.push(line);
    options.onOutput?.(line);
  };
  const collect = (stream: Readable) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) record(line);
    });
    stream.on('end', () => {
      if (pending !== '') record(pending);
    });
  };
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    port: options.port ?? 0,
    modules: true,
    scriptPath: options.scriptPath,
    // Module names are relative to this root: workerd refuses a path that climbs out of it.
    modulesRoot: dirname(options.scriptPath),
    compatibilityDate: wrangler.compatibility_date,
    compatibilityFlags: options.compatibilityFlags ?? [],
    bindings: { ...options.variables },
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      collect(stdout);
      collect(stderr);
    },
  });
  const url = await miniflare.ready;
  return {
    url,
    fetch: (path, init) => fetch(new URL(path, url), init),
    output: () => [...lines],
    dispose: () => miniflare.dispose(),
  };
}
