// The words of the monitor pages: Chinese first, English second (merged in ../i18n.ts under "monitor").
export const zh = {
  title: '',
};

export const en: typeof zh = {
  title: '',
};
