// The words of the statistics pages: Chinese first, English second (merged in ../i18n.ts under "statistics").
export const zh = {
  title: '',
};

export const en: typeof zh = {
  title: '',
};
