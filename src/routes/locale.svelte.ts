// The UI language, the one piece of reactive state the i18n module reads. `t()` reads `locale.lang`, so
// every template that calls `t()` re-renders when the language changes (the switch is in App.svelte; the choice
// is remembered by preferences.ts).
import type { Lang } from '../lib/index.ts';

export const locale = $state<{ lang: Lang }>({ lang: 'en' });
