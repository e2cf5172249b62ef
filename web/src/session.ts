// The signed-in session: the token and who it is for, kept in sessionStorage (gone with the tab).
import { reactive } from 'vue';
import type { PrincipalView } from '../../api/schemas/index.js';

const KEY = 'gc.session';

interface Session {
  token: string | null;
  user: PrincipalView | null;
}

function load(): Session {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw) return JSON.parse(raw) as Session;
  } catch {
    /* a broken entry is no session */
  }
  return { token: null, user: null };
}

export const session = reactive<Session>(load());

export function signedIn(token: string, user: PrincipalView): void {
  session.token = token;
  session.user = user;
  sessionStorage.setItem(KEY, JSON.stringify({ token, user }));
}

export function signedOut(): void {
  session.token = null;
  session.user = null;
  sessionStorage.removeItem(KEY);
}
