import { describe, expect, it } from 'vitest';
import { standInsFromEnvironment } from './stand-ins';

describe('standInsFromEnvironment', () => {
  it('reads each stand-in from its own variable', () => {
    expect(standInsFromEnvironment({})).toEqual({ adstract: false, model: false });
    expect(standInsFromEnvironment({ LOCAL_MODEL_STAND_IN: '1' })).toEqual({
      adstract: false,
      model: true,
    });
    expect(
      standInsFromEnvironment({ LOCAL_ADSTRACT_SANDBOX: '1', LOCAL_MODEL_STAND_IN: '0' }),
    ).toEqual({ adstract: true, model: false });
  });
});
