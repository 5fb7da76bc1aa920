// @vitest-environment happy-dom
// The manager's backups: making one (two passwords that must match, progress, the result),
// restoring one (a wrong password said next to the field; after a restore, sign-in), and the
// keychain's stand-in reported plainly.
import type { Channel } from '@tauri-apps/api/core';
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BackupFolder, BackupProgress, BackupSummary } from './bindings/bindings';
import Backup from './components/Backup.svelte';
import { locale } from './i18n/locale.svelte';
import { session } from './lib/session.svelte';
import { FakeApp, byTestId, q, qa, settle, type } from './test-support/backend';

let fake: FakeApp;
let view: ReturnType<typeof mount> | null;
let folder: BackupFolder;
let progressChannel: Channel<BackupProgress> | null;
const summary: BackupSummary = { created_at: '2026-11-30T10:00:00Z', orders: 312, photos: 4, bytes: 5_000_000 };

beforeEach(() => {
  locale.lang = 'en';
  document.body.innerHTML = '';
  folder = {
    dir: '/data/backups',
    secrets: 'keychain',
    files: [{ name: 'supplier-desk-20261130T100000Z.sdbackup', bytes: 5_242_880, modified: '2026-11-30T10:00:00Z' }],
  };
  progressChannel = null;
  fake = new FakeApp();
  fake.handlers.backup_list = () => folder;
  fake.install();
  view = null;
});

afterEach(() => {
  if (view) unmount(view);
  fake.uninstall();
});

async function open() {
  view = mount(Backup, { target: document.body, props: { active: true } });
  await settle();
}

describe('backups', () => {
  test('lists the folder and says where the keys are', async () => {
    await open();
    expect(byTestId('backup-folder')?.textContent).toBe('/data/backups');
    expect(byTestId('backup-secrets')?.textContent).toContain('kept in the system keychain');
    const rows = qa('[data-testid="backup-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('5 MB');

    unmount(view!);
    folder = { ...folder, secrets: 'sealed_file' };
    await open();
    expect(byTestId('backup-secrets')?.textContent).toContain('has no system keychain');
    expect(byTestId('backup-secrets')?.classList.contains('fallback')).toBe(true);
  });

  test('two different passwords are refused next to the second field, nothing is asked of the app', async () => {
    await open();
    type(q('#backup-password') as HTMLInputElement, 'backup password 1');
    type(q('#backup-confirm') as HTMLInputElement, 'backup password 2');
    byTestId<HTMLButtonElement>('backup-create')?.click();
    await settle();
    expect(fake.count('backup_create')).toBe(0);
    const confirm = q('#backup-confirm') as HTMLInputElement;
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('backup-error-confirm')?.textContent).toContain('The two passwords differ.');
  });

  test('a backup shows its progress and what it holds', async () => {
    let finish: (v: [string, BackupSummary]) => void = () => {};
    fake.handlers.backup_create = (args) => {
      progressChannel = args.onProgress as Channel<BackupProgress>;
      return new Promise((resolve) => (finish = resolve));
    };
    await open();
    type(q('#backup-password') as HTMLInputElement, 'backup password 1');
    type(q('#backup-confirm') as HTMLInputElement, 'backup password 1');
    byTestId<HTMLButtonElement>('backup-create')?.click();
    await settle();
    expect(fake.argsOf('backup_create')[0].password).toBe('backup password 1');
    progressChannel!.onmessage({ stage: 'database', done: 128, total: 512 });
    await settle();
    const bar = q('[data-testid="backup-progress"] progress') as HTMLProgressElement;
    expect(bar.getAttribute('aria-label')).toBe('Backup progress');
    expect(bar.value).toBe(128);
    expect(bar.max).toBe(512);
    expect(byTestId('backup-progress')?.textContent).toContain('Database: 128 of 512 pages');
    expect(byTestId<HTMLButtonElement>('backup-create')?.disabled).toBe(true);

    finish(['supplier-desk-20261201T040000Z.sdbackup', summary]);
    await settle();
    expect(byTestId('backup-made')?.textContent).toContain('supplier-desk-20261201T040000Z.sdbackup');
    expect(byTestId('backup-made')?.textContent).toContain('312 orders, 4 photos');
    expect(byTestId('backup-progress')).toBeNull();
    expect((q('#backup-password') as HTMLInputElement).value).toBe('');
  });

  test('a wrong restore password is said next to the field; a restore ends the session', async () => {
    let answer: 'wrong' | 'ok' = 'wrong';
    fake.handlers.backup_restore = () => {
      if (answer === 'wrong')
        throw { code: 'wrong_password', message: 'the password does not open this backup', field: 'password', key: 'backup_wrong_password' };
      return summary;
    };
    await open();
    q<HTMLButtonElement>('[data-testid="backup-row"] button')?.click();
    await settle();
    expect(byTestId('restore-form')?.textContent).toContain('Everything on this desk is replaced');
    type(q('#restore-password') as HTMLInputElement, 'not it at all');
    byTestId<HTMLButtonElement>('restore-confirm')?.click();
    await settle();
    expect(fake.argsOf('backup_restore')[0]).toMatchObject({ name: 'supplier-desk-20261130T100000Z.sdbackup', password: 'not it at all' });
    expect((q('#restore-password') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('restore-error-password')?.textContent).toContain('The password does not open this backup.');
    expect(session.current).not.toBeNull();

    answer = 'ok';
    type(q('#restore-password') as HTMLInputElement, 'backup password 1');
    byTestId<HTMLButtonElement>('restore-confirm')?.click();
    await settle();
    expect(session.current).toBeNull();
  });
});
