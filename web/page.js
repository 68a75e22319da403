// The reading page: fills `data-i18n` texts and switches language. The choice is kept in the
// address (?lang=zh) so a shared link opens in the same language; otherwise the browser's
// language decides.

import { t } from './core/i18n.js';
import { languageToggle } from './core/page-lang.js';

function setLang(lang) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  document.title = t(lang, 'page.title');
}

languageToggle(setLang);
