// What the action forms share about errors: their props, the text shown under a field the app
// refused, and the aria-describedby that points a field at its hint and error.
import type { AppError } from '../bindings/shell';
import { t } from '../i18n/locale.svelte';
import { errorText } from '../shared/error-text';

/** The props of a form that records an action: the caller runs it and reports back. */
export type ActionFormProps<V> = {
  /** An error the app returned for one of the fields, if any. */
  error: AppError | null;
  working: boolean;
  onsubmit: (value: V) => void;
  oncancel: () => void;
};

/** The text shown under `field` when the app's error names it; undefined otherwise. */
export function fieldErrorText(error: AppError | null, field: string): string | undefined {
  return error?.field === field ? t('error.field', { message: errorText(error) }) : undefined;
}

/** aria-describedby from the ids of a field's hint and error, leaving out those not shown. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const shown = ids.filter(Boolean);
  return shown.length ? shown.join(' ') : undefined;
}

/** The error a field shows under it: the app's field name, the id the field points at, the text if shown. */
export type ShownFieldError = { field: string; id: string; text: string | undefined };

/** The error under `field` of the action form whose ids start with `form` (`delivery-error-place`). */
export function shownError(error: AppError | null, form: string, field: string): ShownFieldError {
  return { field, id: `${form}-error-${field}`, text: fieldErrorText(error, field) };
}
