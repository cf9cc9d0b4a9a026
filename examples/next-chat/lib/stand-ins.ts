/** Which local stand-ins answer in place of the real services. */
export interface StandIns {
  /** The local Adstract sandbox serves the ads (`LOCAL_ADSTRACT_SANDBOX=1`). */
  adstract: boolean;
  /** The scripted model stand-in answers, not an LLM (`LOCAL_MODEL_STAND_IN=1`). */
  model: boolean;
}

/**
 * Read from the variables `scripts/with-local-services.mjs` sets when it starts a stand-in, so the
 * page can say so: the stand-in's answers do not follow the question, which looks broken to
 * someone who does not know.
 */
export function standInsFromEnvironment(
  environment: Record<string, string | undefined> = process.env,
): StandIns {
  return {
    adstract: environment.LOCAL_ADSTRACT_SANDBOX === '1',
    model: environment.LOCAL_MODEL_STAND_IN === '1',
  };
}
