/** The real service, with the key and (optional) base URL read from the environment. */
export interface RealTarget {
  kind: 'real';
  apiKey: string;
  baseURL: string | undefined;
}

/** Where one service's traffic goes: the local stand-in, or the real service. */
export type Target = { kind: 'local' } | RealTarget;

/** Where the demo sends its Adstract and its model traffic. */
export interface Targets {
  adstract: Target;
  openai: Target;
}

/**
 * Reads an environment variable, treating an empty or blank value as unset (so `OPENAI_API_KEY=`
 * does not count as a key). The value is returned trimmed.
 */
export function readSetting(environment: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = environment[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Decides, from the environment, which services the demo replaces with local ones:
 * `ADSTRACT_API_KEY` (+ optional `ADSTRACT_BASE_URL`) selects the real Adstract, and
 * `OPENAI_API_KEY` (+ optional `OPENAI_BASE_URL`) the real model API, each independently.
 */
export function resolveTargets(environment: NodeJS.ProcessEnv): Targets {
  const target = (keyName: string, baseURLName: string): Target => {
    const apiKey = readSetting(environment, keyName);
    return apiKey === undefined
      ? { kind: 'local' }
      : { kind: 'real', apiKey, baseURL: readSetting(environment, baseURLName) };
  };
  return {
    adstract: target('ADSTRACT_API_KEY', 'ADSTRACT_BASE_URL'),
    openai: target('OPENAI_API_KEY', 'OPENAI_BASE_URL'),
  };
}
