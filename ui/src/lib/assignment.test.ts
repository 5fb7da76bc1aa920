import { describe, expect, test } from 'vitest';
import { MAX_ASSIGNEE, assigneeProblem } from './assignment';

describe('assigneeProblem', () => {
  test('a blank name is required', () => {
    expect(assigneeProblem('')).toBe('required');
    expect(assigneeProblem('   ')).toBe('required');
  });
  test('the limit counts characters after trimming', () => {
    expect(assigneeProblem(`  ${'Ж'.repeat(MAX_ASSIGNEE)}  `)).toBeNull();
    expect(assigneeProblem('Ж'.repeat(MAX_ASSIGNEE + 1))).toBe('tooLong');
    expect(assigneeProblem('Ержан Қасымов')).toBeNull();
  });
});
