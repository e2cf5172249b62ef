// The rows of one of the matter page's cards (deadlines, letters, documents): read from the API and read
// again whenever the page has a newer version of the matter; none when the read fails (the card says empty).
import { ref, watch, type Ref } from 'vue';
import { api } from '../../api.js';

export function useMatterItems<T>(props: { matterId: string; version: number }, part: string) {
  const items = ref([]) as Ref<T[]>;
  async function load(): Promise<void> {
    try {
      items.value = (await api<{ items: T[] }>('GET', `/api/matters/${props.matterId}/${part}`)).items;
    } catch {
      items.value = [];
    }
  }
  watch(() => [props.matterId, props.version], load, { immediate: true });
  return { items, load };
}
