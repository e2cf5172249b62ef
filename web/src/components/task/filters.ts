// The inbox's sort and filters, as the filter bar edits them and the address bar keeps them.
export interface Filters {
  sort: 'due' | 'risk' | 'age';
  order: 'asc' | 'desc';
  matterType: string;
  category: string;
  regionCode: string;
  overdue: boolean;
}

export const NO_FILTERS: Filters = {
  sort: 'due',
  order: 'asc',
  matterType: '',
  category: '',
  regionCode: '',
  overdue: false,
};

/**
 * The inbox's query as last shown (view, sort, filters): the task page goes back to the same list.
 * Kept for this tab only, like the session.
 */
let lastInboxQuery: Record<string, string> = {};
export const rememberInboxQuery = (q: Record<string, string>) => void (lastInboxQuery = { ...q });
export const inboxQuery = () => ({ ...lastInboxQuery });
