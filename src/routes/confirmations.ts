// When a destructive action asks first, and what it names as lost (issue 8 §2). One rule per action; the words
// are in the catalogue (i18n.ts, "confirm.*"), the dialog (ConfirmDialog.svelte) only shows what is returned here.
// No confirmation when nothing would be lost: a first wrap, a first key, clearing an empty or fully saved page.
import type { KeySpec } from '../lib/index.ts';
import type { MessageKey, Notice } from './i18n.ts';

export type DestructiveAction = 'wrap' | 'generate' | 'load' | 'clear' | 'remove' | 'add';

export interface Confirmation {
  action: DestructiveAction;
  title: MessageKey;
  /** what will be lost, one line each, naming it (spec, time, file) */
  losses: Notice[];
  /** the label of the button that goes ahead */
  confirm: MessageKey;
}

/** The public facts the rules read (Ceremony.facts). */
export interface CeremonyFacts {
  target: { spec: KeySpec; origin: 'generated' | 'loaded'; at: number } | null;
  backupVerified: boolean;
  /** the material of every destination, made by one wrap (null when there is none) */
  material: { wrappedAt: number } | null;
  /** every destination's file was downloaded */
  materialDownloaded: boolean;
  /** the material files, named in the confirmation ("a.txt, b.bin") */
  materialFileName: string;
}

/** What a destination holds that removing it loses. */
export interface DestinationFacts {
  n: number;
  provider: string;
  hasInputs: boolean;
  material: { wrappedAt: number; fileName: string; downloaded: boolean } | null;
}

/** 14:02 in local time: enough to tell "the key from a moment ago" from "the one from this morning". */
export function clock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function keyLoss(f: CeremonyFacts): Notice[] {
  const tk = f.target;
  if (!tk) return [];
  const params = { spec: tk.spec, time: clock(tk.at) };
  if (tk.origin === 'loaded') return [{ key: 'confirm.loss.keyLoaded', params }];
  return [{ key: f.backupVerified ? 'confirm.loss.keyBackedUp' : 'confirm.loss.keyLost', params }];
}

function materialLoss(f: CeremonyFacts, how: 'replaced' | 'wiped'): Notice[] {
  const m = f.material;
  if (!m) return [];
  const params = { time: clock(m.wrappedAt), file: f.materialFileName };
  const key = f.materialDownloaded ? (`confirm.loss.material.${how}.downloaded` as const) : (`confirm.loss.material.${how}.notDownloaded` as const);
  return [{ key, params }];
}

/** "Wrap key material" asks once material exists, downloaded or not: wrapping again replaces it. */
export function wrapConfirmation(f: CeremonyFacts): Confirmation | null {
  if (!f.material) return null;
  return { action: 'wrap', title: 'confirm.wrap.title', losses: materialLoss(f, 'replaced'), confirm: 'confirm.wrap.confirm' };
}

/** "Generate new key" asks once a key exists: the new key replaces it, and the material wrapped from it goes. */
export function generateConfirmation(f: CeremonyFacts): Confirmation | null {
  if (!f.target) return null;
  return {
    action: 'generate',
    title: 'confirm.generate.title',
    losses: [...keyLoss(f), ...materialLoss(f, 'wiped')],
    confirm: 'confirm.generate.confirm',
  };
}

/** Loading another key (a file or pasted text) once a key exists replaces it just as generating does. */
export function loadConfirmation(f: CeremonyFacts): Confirmation | null {
  const c = generateConfirmation(f);
  return c && { ...c, action: 'load', title: 'confirm.load.title', confirm: 'confirm.load.confirm' };
}

/**
 * "Clear everything" asks while a key has no verified backup, or while there is a key or material and the record
 * was not printed or saved since they were made (`recordedAt`: when it last was); it then names everything it
 * wipes that is not kept elsewhere.
 */
export function clearConfirmation(f: CeremonyFacts, recordedAt: number | null): Confirmation | null {
  const lastChange = Math.max(f.target?.at ?? 0, f.material?.wrappedAt ?? 0);
  const recordSaved = recordedAt !== null && recordedAt >= lastChange;
  const unbackedKey = f.target !== null && !f.backupVerified;
  const unrecorded = !recordSaved && (f.target !== null || f.material !== null);
  if (!unbackedKey && !unrecorded) return null;
  const losses: Notice[] = [...keyLoss(f), ...(f.materialDownloaded ? [] : materialLoss(f, 'wiped'))];
  if (!recordSaved) losses.push({ key: 'confirm.loss.record' });
  return { action: 'clear', title: 'confirm.clear.title', losses, confirm: 'confirm.clear.confirm' };
}

/**
 * "Remove destination" asks when the destination holds a loaded wrapping key or token, or material: they are
 * dropped with it. An empty destination goes at once.
 */
export function removeDestinationConfirmation(d: DestinationFacts): Confirmation | null {
  if (!d.hasInputs && !d.material) return null;
  const losses: Notice[] = [{ key: 'confirm.loss.destination', params: { n: d.n, provider: d.provider } }];
  if (d.material)
    losses.push({
      key: d.material.downloaded ? 'confirm.loss.material.wiped.downloaded' : 'confirm.loss.material.wiped.notDownloaded',
      params: { time: clock(d.material.wrappedAt), file: d.material.fileName },
    });
  return { action: 'remove', title: 'confirm.remove.title', losses, confirm: 'confirm.remove.confirm' };
}

/**
 * "Add destination" once material exists: the set is made again for every destination (spec §22.3), so the
 * files made so far — perhaps uploaded already — no longer belong to this ceremony's record.
 */
export function addDestinationConfirmation(f: CeremonyFacts): Confirmation | null {
  if (!f.material) return null;
  return { action: 'add', title: 'confirm.add.title', losses: materialLoss(f, 'wiped'), confirm: 'confirm.add.confirm' };
}
