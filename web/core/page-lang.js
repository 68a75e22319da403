// The language of a whole page (the reading page, the embedding guide): chosen from the address
// (?lang=zh, so a shared link opens in the same language), else the browser's languages, else
// English; the page's [data-set-lang] buttons switch it and keep the choice in the address.

import { LANGS, normalise } from './i18n.js';

/** 'en' or 'zh' for this page. */
export function chosenLang() {
  for (const tag of [new URLSearchParams(location.search).get('lang'), ...(navigator.languages ?? [])]) {
    const lang = normalise(tag);
    if (lang) return lang;
  }
  return 'en';
}

/** Call `apply(lang)` now and whenever a [data-set-lang] button is pressed; the buttons' pressed
 *  state and the address's ?lang= follow. */
export function languageToggle(apply) {
  const buttons = document.querySelectorAll('[data-set-lang]');
  const show = (lang) => {
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.setLang === lang));
    apply(lang);
  };
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const lang = button.dataset.setLang;
      if (!LANGS.includes(lang)) return;
      const url = new URL(location.href);
      url.searchParams.set('lang', lang);
      history.replaceState(null, '', url);
      show(lang);
    });
  }
  show(chosenLang());
}
