/**
 * The committed model assets (apps/web/models/, written only by `pnpm --filter @lnn/web
 * export-models`), as URLs Vite emits with the site.
 */
import doublePendulumLnn from '../../models/double-pendulum-lnn.json?url';
import doublePendulumMlp from '../../models/double-pendulum-mlp.json?url';
import waveLgnRing100 from '../../models/wave-lgn-ring100.json?url';

export const MODEL_URLS = { doublePendulumLnn, doublePendulumMlp, waveLgnRing100 } as const;
