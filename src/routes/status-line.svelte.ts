// What the sticky status line shows at every step (issue 8 §6), and the page's one polite live region
// (WCAG 4.1.3). Each <Step> reports its status here; the status line, the step links and the record read it.
import { tick } from 'svelte';

export type StepStatus = 'done' | 'todo' | 'attention' | 'optional' | 'busy';

/** step id ("step-3") → its current status, as the step itself shows it */
export const stepStatuses: Record<string, StepStatus> = $state({});

/** A step counts as finished when it is done, or optional and left out (a loaded key needs no backup). */
export function finished(status: StepStatus | undefined): boolean {
  return status === 'done' || status === 'optional';
}

/** The text of the live region; emptied first so that the same message is read again. */
export const announcer = $state({ text: '' });

/**
 * Say `text` through the polite live region and, when `focus` names an element (a CSS selector), move the
 * focus there once it is rendered, so that keyboard and screen-reader users land on the result.
 */
export async function announce(text: string, focus?: string): Promise<void> {
  announcer.text = '';
  await tick();
  announcer.text = text;
  if (focus === undefined) return;
  const el = document.querySelector<HTMLElement>(focus);
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !el.matches('a[href], button, input, select, textarea')) el.tabIndex = -1;
  el.focus();
}
