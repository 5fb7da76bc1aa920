// The name typed to assign an order to a member of staff, checked as the app checks it.

/** The longest name the app accepts (desk-core's `MAX_ASSIGNEE_CHARS`). */
export const MAX_ASSIGNEE = 80;

/**
 * What is wrong with a typed name before it is sent: `required` when blank, `tooLong` over the
 * limit (counted in characters after trimming, as the app counts them), null when it may go.
 */
export function assigneeProblem(name: string): 'required' | 'tooLong' | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'required';
  if ([...trimmed].length > MAX_ASSIGNEE) return 'tooLong';
  return null;
}
