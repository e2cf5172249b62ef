// The unit's letter counts for the menu badge: asked on every navigation (ShellPage) and again after a
// letter is opened or acknowledged (LettersPage), so the badge follows what the reader did.
import { reactive } from 'vue';
import type { LetterCounts } from '../../../../api/schemas/index.js';
import { api } from '../../api.js';
import { session } from '../../session.js';

export const letterCounts = reactive({ unread: 0, unacknowledged: 0 });

export async function refreshLetterCounts(): Promise<void> {
  if (!session.user?.unit || !session.token) {
    letterCounts.unread = 0;
    letterCounts.unacknowledged = 0;
    return;
  }
  try {
    const c = await api<LetterCounts>('GET', '/api/letters/counts');
    letterCounts.unread = c.unread;
    letterCounts.unacknowledged = c.unacknowledged;
  } catch {
    /* the badge waits for the next navigation */
  }
}
