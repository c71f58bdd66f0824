// The one question on screen at a time (issue 8 §2): a step asks with `askFirst(rule(...))` and goes ahead only on
// true; ConfirmDialog.svelte, rendered once by App.svelte, shows `asking.current` and answers. What to ask is
// decided in confirmations.ts.
import type { Confirmation } from './confirmations.ts';

class Asking {
  current = $state<Confirmation | null>(null);
  #resolve: ((ok: boolean) => void) | undefined;

  ask(c: Confirmation): Promise<boolean> {
    this.#resolve?.(false); // a question left open is a "no"
    this.current = c;
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  answer(ok: boolean): void {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    this.current = null;
    resolve?.(ok);
  }
}

export const asking = new Asking();

/** True at once when there is nothing to lose (no confirmation); otherwise the operator's answer. */
export function askFirst(c: Confirmation | null): Promise<boolean> {
  return c === null ? Promise.resolve(true) : asking.ask(c);
}
