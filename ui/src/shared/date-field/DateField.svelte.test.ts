// @vitest-environment happy-dom
// The date field: DD.MM.YYYY in every language, an ISO value bound, its own error on leaving it,
// the app's error in the same place, and the arrow keys.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { locale } from '../../i18n/locale.svelte';
import { kazakhstanDate } from '../../lib/format';
import type { ShownFieldError } from '../../lib/form-errors';
import DateField from './DateField.svelte';

let cleanup: (() => void) | undefined;
beforeEach(() => {
  locale.lang = 'en';
});
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

type Props = { error?: ShownFieldError; min?: string; max?: string; hint?: string; required?: boolean };

/** Mounts the field with a value the test reads back and may set, as `bind:value` would. */
function mountField(start: string, props: Props = {}) {
  const target = document.body.appendChild(document.createElement('div'));
  const bound = $state({ value: start, changes: [] as string[] });
  const field = mount(DateField, {
    target,
    props: {
      id: 'x-date',
      label: 'Date',
      ...props,
      get value() {
        return bound.value;
      },
      set value(v: string) {
        bound.value = v;
      },
      onchange: (v: string) => bound.changes.push(v),
    },
  });
  flushSync();
  cleanup = () => {
    unmount(field);
    target.remove();
  };
  const input = target.querySelector<HTMLInputElement>('#x-date')!;
  return { target, bound, input };
}

/** Types `text` at the end of what is there, one character at a time, as a person does. */
function typeChars(input: HTMLInputElement, text: string) {
  for (const ch of text) {
    input.value += ch;
    input.setSelectionRange(input.value.length, input.value.length);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: ch }));
    flushSync();
  }
}

/** Replaces the whole text, as a paste over a selection does. */
function paste(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  flushSync();
}

function leave(input: HTMLInputElement) {
  input.dispatchEvent(new FocusEvent('blur'));
  flushSync();
}

function key(input: HTMLInputElement, k: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  input.dispatchEvent(event);
  flushSync();
  return event;
}

const errorOf = (target: HTMLElement) => target.querySelector('.field-error')?.textContent?.replace('⚠', '').trim();

describe('DateField', () => {
  test('a text field showing the bound ISO day as DD.MM.YYYY, with the placeholder in the language', () => {
    const { target, input } = mountField('2026-12-07');
    expect(input.type).toBe('text');
    expect(input.value).toBe('07.12.2026');
    expect(input.placeholder).toBe('DD.MM.YYYY');
    expect(target.querySelector('label')?.getAttribute('for')).toBe('x-date');
    locale.lang = 'ru';
    flushSync();
    expect(input.placeholder).toBe('ДД.ММ.ГГГГ');
    locale.lang = 'kk';
    flushSync();
    expect(input.placeholder).toBe('КК.АА.ЖЖЖЖ');
    // The day is written the same way in every language.
    expect(input.value).toBe('07.12.2026');
  });

  test('typed digits get their dots, and the value is the ISO day once complete', () => {
    const { bound, input } = mountField('');
    typeChars(input, '0712');
    expect(input.value).toBe('07.12');
    expect(bound.value).toBe('');
    typeChars(input, '2026');
    expect(input.value).toBe('07.12.2026');
    expect(bound.value).toBe('2026-12-07');
    expect(bound.changes).toEqual(['2026-12-07']);
  });

  test('other ways of writing it are read, and written in full on leaving the field', () => {
    const { bound, input } = mountField('');
    for (const [typed, iso] of [
      ['7.12.2026', '2026-12-07'],
      ['07/12/2026', '2026-12-07'],
      ['2026-03-09', '2026-03-09'],
      ['7-1-26', '2026-01-07'],
    ]) {
      paste(input, typed);
      leave(input);
      expect(bound.value, typed).toBe(iso);
      expect(input.value, typed).toBe(iso.split('-').reverse().join('.'));
    }
  });

  test('a two-digit year is not taken while typing, only once the field is left', () => {
    const { bound, input } = mountField('');
    typeChars(input, '071220');
    expect(input.value).toBe('07.12.20');
    expect(bound.value).toBe('');
    leave(input);
    expect(bound.value).toBe('2020-12-07');
    expect(input.value).toBe('07.12.2020');
  });

  test('partial text: the value is empty, and the error shows on leaving, in the language', () => {
    locale.lang = 'ru';
    const { target, bound, input } = mountField('2026-12-07');
    paste(input, '07.12');
    expect(bound.value).toBe('');
    // Not while typing.
    expect(errorOf(target)).toBeUndefined();
    expect(input.getAttribute('aria-invalid')).toBe('false');
    leave(input);
    expect(errorOf(target)).toBe('Введите дату в виде ДД.ММ.ГГГГ, например 07.12.2026.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = target.querySelector('.field-error')!;
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    // Put right: the error goes as soon as the date is whole.
    typeChars(input, '.2026');
    expect(errorOf(target)).toBeUndefined();
    expect(bound.value).toBe('2026-12-07');
  });

  test('an impossible date is named', () => {
    locale.lang = 'kk';
    const { target, bound, input } = mountField('');
    paste(input, '31.02.2026');
    leave(input);
    expect(bound.value).toBe('');
    expect(errorOf(target)).toBe('Мұндай күн жоқ: 31.02.2026.');
    expect(input.value).toBe('31.02.2026');
  });

  test('Enter says the problem too, before the form is sent', () => {
    const { target, input } = mountField('');
    paste(input, '7.12.');
    key(input, 'Enter');
    expect(errorOf(target)).toBe('Write the date as DD.MM.YYYY, for example 07.12.2026.');
  });

  test('an empty field is no error of its own (the form says it is required)', () => {
    const { target, bound, input } = mountField('2026-12-07', { required: true });
    paste(input, '');
    leave(input);
    expect(bound.value).toBe('');
    expect(errorOf(target)).toBeUndefined();
    expect(input.getAttribute('aria-required')).toBe('true');
  });

  test("the app's error shows in the same place as TextField's; the field's own takes its place", () => {
    const error: ShownFieldError = { field: 'delivered_on', id: 'x-error-delivered_on', text: 'Not accepted: Enter a calendar date.' };
    const { target, input } = mountField('2026-12-07', { error, hint: 'Help' });
    const shown = target.querySelector('[data-testid="error-delivered_on"]')!;
    expect(shown.id).toBe('x-error-delivered_on');
    expect(shown.textContent).toContain('Enter a calendar date.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('x-date-hint x-date-format x-error-delivered_on');
    paste(input, '99');
    leave(input);
    expect(target.querySelectorAll('.field-error')).toHaveLength(1);
    expect(target.querySelector('#x-error-delivered_on')?.textContent).toContain('DD.MM.YYYY');
  });

  test('without an error: described by its format only', () => {
    const { target, input } = mountField('2026-12-07');
    expect(input.getAttribute('aria-describedby')).toBe('x-date-format');
    expect(target.querySelector('#x-date-format')?.textContent).toContain('DD.MM.YYYY');
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  test('Up and Down change the day; with Shift, the month', () => {
    const { bound, input } = mountField('2026-01-31');
    expect(key(input, 'ArrowUp').defaultPrevented).toBe(true);
    expect(input.value).toBe('01.02.2026');
    key(input, 'ArrowDown');
    key(input, 'ArrowDown');
    expect(bound.value).toBe('2026-01-30');
    key(input, 'ArrowUp', { shiftKey: true });
    expect(bound.value).toBe('2026-02-28');
    key(input, 'ArrowDown', { shiftKey: true });
    expect(input.value).toBe('28.01.2026');
  });

  test('an arrow in an empty field starts from today; text that is no date is left alone', () => {
    const { bound, input } = mountField('');
    key(input, 'ArrowUp');
    expect(bound.value).toBe(kazakhstanDate(Date.now()));
    paste(input, '31.02.2026');
    expect(key(input, 'ArrowUp').defaultPrevented).toBe(false);
    expect(input.value).toBe('31.02.2026');
  });

  test('min and max: the error names the limit, and the arrows stop at it', () => {
    const { target, bound, input } = mountField('2026-01-10', { min: '2026-01-10', max: '2026-01-12' });
    key(input, 'ArrowDown');
    expect(bound.value).toBe('2026-01-10');
    key(input, 'ArrowUp', { shiftKey: true });
    expect(bound.value).toBe('2026-01-12');
    paste(input, '01.02.2026');
    leave(input);
    expect(bound.value).toBe('');
    expect(errorOf(target)).toBe('The date cannot be after 12.01.2026.');
  });

  test('a value set by the form is shown, and its own error cleared', () => {
    const { target, bound, input } = mountField('2026-12-07');
    paste(input, '45');
    leave(input);
    expect(errorOf(target)).toBeDefined();
    bound.value = '2027-03-01';
    flushSync();
    expect(input.value).toBe('01.03.2027');
    expect(errorOf(target)).toBeUndefined();
  });
});
