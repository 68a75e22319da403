// The reading page: fills `data-i18n` texts and switches language. The choice is kept in the
// address (?lang=zh) so a shared link opens in the same language; otherwise the browser's
// language decides.

import { LANGS, normalise, t } from './core/i18n.js';

function chosenLang() {
  const fromUrl = normalise(new URLSearchParams(location.search).get('lang'));
  if (fromUrl) return fromUrl;
  for (const tag of navigator.languages ?? []) {
    const lang = normalise(tag);
    if (lang) return lang;
  }
  return 'en';
}

export function setLang(lang) {
  const html = document.documentElement;
  html.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  document.title = t(lang, 'page.title');
  for (const button of document.querySelectorAll('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === lang));
  }
}

for (const button of document.querySelectorAll('[data-set-lang]')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.setLang;
    if (!LANGS.includes(lang)) return;
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
    setLang(lang);
  });
}

setLang(chosenLang());
