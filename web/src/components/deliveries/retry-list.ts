// A list of things the system gave up on (dead messages, documents that could not be made) with a
// confirmed "try again" per row: loads the list, asks before retrying, says how it went, reloads.
// The two sections of 消息投递 differ only in their addresses and words.
import { computed, onMounted, ref, type Ref } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api, ApiCallError } from '../../api.js';
import { session } from '../../session.js';

export interface RetryListWords<T> {
  /** The list could not be loaded (a 5xx or no answer). */
  loadFailed: () => string;
  /** The question before retrying `row`, and its title. */
  confirm: (row: T) => string;
  confirmTitle: () => string;
  ok: () => string;
  cancel: () => string;
  /** Done; no longer in a failed state (409); failed with the error's message after it. */
  done: () => string;
  conflict: () => string;
  failed: () => string;
}

export function useRetryList<T extends { id: string }>(
  listUrl: string,
  retryUrl: (id: string) => string,
  words: RetryListWords<T>,
): {
  items: Ref<T[]>;
  busy: Ref<boolean>;
  error: Ref<string>;
  retrying: Ref<string | null>;
  mayRetry: Ref<boolean>;
  retry: (row: T) => Promise<void>;
} {
  const items = ref<T[]>([]) as Ref<T[]>;
  const busy = ref(false);
  const error = ref('');
  const retrying = ref<string | null>(null);
  const mayRetry = computed(() => !!session.user?.roles.includes('administrator'));

  async function load(): Promise<void> {
    busy.value = true;
    error.value = '';
    try {
      items.value = (await api<{ items: T[] }>('GET', listUrl)).items;
    } catch (e) {
      items.value = [];
      if (!(e instanceof ApiCallError && e.status === 401))
        error.value = e instanceof ApiCallError && e.status < 500 ? e.message : words.loadFailed();
    } finally {
      busy.value = false;
    }
  }

  async function retry(row: T): Promise<void> {
    try {
      await ElMessageBox.confirm(words.confirm(row), words.confirmTitle(), {
        confirmButtonText: words.ok(),
        cancelButtonText: words.cancel(),
      });
    } catch {
      return;
    }
    retrying.value = row.id;
    try {
      await api('POST', retryUrl(row.id));
      ElMessage.success(words.done());
    } catch (e) {
      if (e instanceof ApiCallError && e.status === 409) ElMessage.warning(words.conflict());
      else ElMessage.error(`${words.failed()}：${(e as Error).message}`);
    } finally {
      retrying.value = null;
    }
    await load();
  }

  onMounted(load);
  return { items, busy, error, retrying, mayRetry, retry };
}
