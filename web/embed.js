// embed.html: one widget alone, sized to its iframe, for course sites that only allow iframes.
//   embed.html?widget=marbles&lang=zh&surface=bumpy&lr=0.01
// `widget` picks the element (<plainly-marbles>); `lang` its language; every other parameter the
// widget declares as a shareable setting (static settings, see core/element.js) becomes its
// attribute. Anything else is ignored with a note in the widget; an unknown widget gets a message.
// The page tells its parent how tall it is ({type: 'plainly-embed-height', height}) so a host
// can resize the iframe.

import { WIDGETS } from './plainly.js';
import { normalise, t } from './core/i18n.js';

const params = new URLSearchParams(location.search);
// the address's lang, else the browser's language
const lang = [params.get('lang'), ...(navigator.languages ?? [])].map(normalise).find(Boolean) ?? 'en';
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';

const main = document.getElementById('embed');
const name = (params.get('widget') ?? '').trim().toLowerCase();
const Widget = /^[a-z][a-z0-9-]{0,40}$/.test(name) ? customElements.get(`plainly-${name}`) : undefined;

if (!Widget) {
  const box = document.createElement('p');
  box.className = 'embed-message';
  box.setAttribute('role', 'alert');
  const list = WIDGETS.join(', ');
  box.textContent = name ? t(lang, 'embedpage.unknown', { widget: name.slice(0, 60), list }) : t(lang, 'embedpage.missing', { list });
  main.append(box);
  document.title = t(lang, 'embedpage.title');
} else {
  const element = document.createElement(`plainly-${name}`);
  const allowed = new Set([...Object.keys(Widget.settings ?? {}), 'hide-share']);
  const ignored = [];
  for (const [key, value] of params) {
    if (key === 'widget' || key === 'lang') continue;
    if (allowed.has(key)) element.setAttribute(key, value);
    else ignored.push(key);
  }
  element.setAttribute('lang', lang);
  main.append(element);
  if (ignored.length) element.noteIgnored(ignored);
  document.title = `${t(lang, 'embedpage.title')}: ${name}`;
}

if (window.parent !== window) {
  new ResizeObserver(() => {
    window.parent.postMessage({ type: 'plainly-embed-height', height: document.documentElement.scrollHeight }, '*');
  }).observe(document.body);
}
