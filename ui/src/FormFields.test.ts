// @vitest-environment happy-dom
// The shared form fields: the value is two-way, and the field points at its hint and at its error only when shown.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import TextAreaField from './components/TextAreaField.svelte';
import TextField from './components/TextField.svelte';
import type { ShownFieldError } from './lib/form-errors';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** Mounts `component` with a value the test can read back, as `bind:value` would give it. */
function mountField(component: typeof TextField | typeof TextAreaField, props: Record<string, unknown>) {
  const target = document.body.appendChild(document.createElement('div'));
  const bound = { value: 'start' };
  const field = mount(component as typeof TextField, {
    target,
    props: {
      id: 'x-field',
      label: 'Field',
      rows: 2,
      error: { field: 'f', id: 'x-error-f', text: undefined },
      ...props,
      get value() {
        return bound.value;
      },
      set value(v: string) {
        bound.value = v;
      },
    } as never,
  });
  flushSync();
  cleanup = () => {
    unmount(field);
    target.remove();
  };
  return { target, bound, control: target.querySelector<HTMLInputElement | HTMLTextAreaElement>('#x-field')! };
}

const shown: ShownFieldError = { field: 'f', id: 'x-error-f', text: 'Wrong' };

describe.each([
  ['TextField', TextField],
  ['TextAreaField', TextAreaField],
] as const)('%s', (_, component) => {
  test('shows the bound value and hands back what is typed', () => {
    const { bound, control } = mountField(component, {});
    expect(control.value).toBe('start');
    control.value = 'typed';
    control.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(bound.value).toBe('typed');
  });

  test('without an error or hint: not invalid and described by nothing', () => {
    const { target, control } = mountField(component, {});
    expect(control.getAttribute('aria-invalid')).toBe('false');
    expect(control.hasAttribute('aria-describedby')).toBe(false);
    expect(control.hasAttribute('aria-required')).toBe(false);
    expect(target.querySelector('.hint')).toBeNull();
    expect(target.querySelector('[data-testid="error-f"]')).toBeNull();
  });

  test('with a hint and an error: points at both, hint first', () => {
    const { target, control } = mountField(component, { hint: 'Help', error: shown, required: true });
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(control.getAttribute('aria-required')).toBe('true');
    expect(control.getAttribute('aria-describedby')).toBe('x-field-hint x-error-f');
    expect(target.querySelector('#x-field-hint')?.textContent).toBe('Help');
    expect(target.querySelector('#x-error-f')?.getAttribute('data-testid')).toBe('error-f');
    expect(target.querySelector('label')?.getAttribute('for')).toBe('x-field');
  });
});
