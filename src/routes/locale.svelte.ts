// The UI language, the one piece of reactive state the i18n module reads. `t()` reads `locale.lang`, so
// every template that calls `t()` re-renders when the language changes (the language switch is a later issue).
import type { Lang } from '../lib/index.ts';

export const locale = $state<{ lang: Lang }>({ lang: 'en' });
