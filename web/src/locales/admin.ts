// The words of the admin pages: Chinese first, English second (merged in ../i18n.ts under "admin").
export const zh = {
  title: '',
};

export const en: typeof zh = {
  title: '',
};
