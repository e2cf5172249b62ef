// A list page's filters and page, kept in the address (a link to a filtered view can be passed on, and
// going back to the list finds it as it was left), and the call that loads the page the address names.
// Used by 事项, 函件, 用户管理 and 审计日志; the page keeps what the API answers and says what to clear.
import { reactive, ref } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { useI18n } from 'vue-i18n';
import { ApiCallError } from '../../api.js';

export interface ListQueryOptions<K extends string> {
  /** Every filter cleared (a default such as the matters' sort included), in the address's order. */
  blank: () => Record<K, string>;
  pageSize: number;
  /** What a filter puts in the address and the API call ('' leaves it out); as entered when not given. */
  value?: (key: K, v: string) => string;
  /** The page's own address entries around the filters and the page (the letters' box and open letter). */
  around?: (shown: LocationQueryRaw) => LocationQueryRaw;
  /** Calls the API with the filters, limit and offset, and keeps what it answers. */
  fetch: (q: URLSearchParams) => Promise<void>;
  /** What the page clears when the call fails. */
  failed: () => void;
  /** The i18n key of the words for a failure the API gave no message of its own for. */
  failedText: string;
}

export function useListQuery<K extends string>(o: ListQueryOptions<K>) {
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const f = reactive(o.blank()) as Record<K, string>;
  const keys = Object.keys(f) as K[];
  const page = ref(1);
  const busy = ref(false);
  const error = ref('');

  function fromAddress(): void {
    Object.assign(f, o.blank());
    for (const k of keys) {
      const v = route.query[k];
      if (typeof v === 'string' && v) f[k] = v;
    }
    const p = Number(route.query.page);
    page.value = Number.isInteger(p) && p > 0 ? p : 1;
  }

  function filters(): URLSearchParams {
    const q = new URLSearchParams();
    for (const k of keys) {
      const v = o.value ? o.value(k, f[k]) : f[k];
      if (v) q.set(k, v);
    }
    return q;
  }

  /** Puts the filters and the page in the address (replacing it: no history entry per click). */
  async function address(): Promise<void> {
    const shown: LocationQueryRaw = Object.fromEntries(filters());
    if (page.value > 1) shown.page = String(page.value);
    await router.replace({ query: o.around ? o.around(shown) : shown });
  }

  async function load(): Promise<void> {
    busy.value = true;
    error.value = '';
    await address();
    const q = filters();
    q.set('limit', String(o.pageSize));
    q.set('offset', String((page.value - 1) * o.pageSize));
    try {
      await o.fetch(q);
    } catch (e) {
      o.failed();
      // A 401 has already ended the session (src/api.ts): nothing to say here.
      if (!(e instanceof ApiCallError && e.status === 401))
        error.value = e instanceof ApiCallError && e.status < 500 ? e.message : t(o.failedText);
    } finally {
      busy.value = false;
    }
  }

  /** New filters: back to the first page. */
  function apply(): void {
    page.value = 1;
    void load();
  }

  function reset(): void {
    Object.assign(f, o.blank());
    apply();
  }

  return { f, page, busy, error, fromAddress, address, load, apply, reset };
}
