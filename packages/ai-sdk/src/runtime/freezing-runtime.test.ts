import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectFreezingRuntime } from './freezing-runtime.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('detectFreezingRuntime', () => {
  it('finds nothing on Node (navigator.userAgent is "Node.js/…", no EdgeRuntime)', () => {
    expect(globalThis.navigator.userAgent).toMatch(/^Node\.js\//);
    expect(detectFreezingRuntime()).toBeUndefined();
  });

  it('recognises Cloudflare Workers by the user agent workerd exposes', () => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    expect(detectFreezingRuntime()?.name).toBe('Cloudflare Workers');
    expect(detectFreezingRuntime()?.fix).toContain("'cloudflare:workers'");
    expect(detectFreezingRuntime()?.fix).toContain('(promise) => ctx.waitUntil(promise)');
  });

  it('prefers Workers over the Node signals nodejs_compat adds', () => {
    const worker = {
      navigator: { userAgent: 'Cloudflare-Workers' },
      process: { versions: { node: '22.19.0' }, release: { name: 'node' } },
    };
    expect(detectFreezingRuntime(worker)?.name).toBe('Cloudflare Workers');
  });

  it('recognises Vercel Edge and the Next.js edge runtime by their EdgeRuntime string', () => {
    for (const value of ['edge-runtime', 'vercel']) {
      vi.stubGlobal('EdgeRuntime', value);
      expect(detectFreezingRuntime()?.name).toMatch(/edge runtime/);
      expect(detectFreezingRuntime()?.fix).toContain("`after` from 'next/server'");
      expect(detectFreezingRuntime()?.fix).toContain("`waitUntil` from '@vercel/functions'");
    }
  });

  it('reads exact signals only: look-alikes and other runtimes are not reported', () => {
    for (const scope of [
      {},
      { navigator: undefined },
      { navigator: {} },
      { navigator: { userAgent: 'cloudflare-workers' } },
      { navigator: { userAgent: 'Mozilla/5.0 (Cloudflare-Workers)' } },
      { navigator: { userAgent: 'Deno/2.1.4' } },
      { navigator: { userAgent: 'Bun/1.2.0' } },
      { EdgeRuntime: true },
      { EdgeRuntime: {} },
      { process: { env: { VERCEL: '1' } } },
    ]) {
      expect(detectFreezingRuntime(scope), JSON.stringify(scope)).toBeUndefined();
    }
  });
});
