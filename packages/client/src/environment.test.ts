import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnvironment } from './environment.js';

describe('readEnvironment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('reads a set variable', () => {
    vi.stubEnv('ADSTRACT_TEST_VARIABLE', 'value');
    expect(readEnvironment('ADSTRACT_TEST_VARIABLE')).toBe('value');
  });

  it('treats an unset or empty variable as absent', () => {
    vi.stubEnv('ADSTRACT_TEST_VARIABLE', '');
    expect(readEnvironment('ADSTRACT_TEST_VARIABLE')).toBeUndefined();
    expect(readEnvironment('ADSTRACT_TEST_VARIABLE_NEVER_SET')).toBeUndefined();
  });

  it('gives undefined where there is no process (edge runtimes, browsers)', () => {
    vi.stubGlobal('process', undefined);
    expect(readEnvironment('PATH')).toBeUndefined();
  });

  it('gives undefined where process has no env', () => {
    vi.stubGlobal('process', {});
    expect(readEnvironment('PATH')).toBeUndefined();
  });
});
