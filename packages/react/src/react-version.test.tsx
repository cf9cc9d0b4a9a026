import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, inject, it } from 'vitest';

it('runs against the React of its project (19, and 18 through npm aliases)', () => {
  expect(version.split('.')[0]).toBe(String(inject('reactMajor')));
  expect(domVersion).toBe(version);
});
