import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/domain/template.js';

describe('fillTemplate', () => {
  it('fills nested names', () => {
    expect(fillTemplate('Hi {{ customer.name }}, {{n}}', { customer: { name: 'Łucja' }, n: 3 })).toBe('Hi Łucja, 3');
  });

  it('names the variable that has no value', () => {
    expect(() => fillTemplate('Hi {{customer.nmae}}', { customer: { name: 'x' } })).toThrow('"customer.nmae"');
  });
});
