// The words of the designer pages: Chinese first, English second (merged in ../i18n.ts under "designer").
export const zh = {
  title: '',
};

export const en: typeof zh = {
  title: '',
};
