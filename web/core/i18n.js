// Every user-visible string, in English and Simplified Chinese. A test fails when a key is
// missing or empty in either language, or when code asks for a key that is not here.

export const LANGS = ['en', 'zh'];

export const STRINGS = {
  en: {
    'page.title': 'Plainly: deep learning, explained plainly',
    'page.tagline': 'Every picture on this page is computed by a real model running in your browser.',
    'page.language': 'Language',
    'page.footer': 'The models are written in Rust with burn and run as WebAssembly. Nothing you draw leaves your computer.',

    'digit.section.title': 'A digit is a vector',
    'digit.section.p1': 'To a computer, a picture is a grid of numbers. Draw a digit below: it is shrunk to a 16 × 16 grid of cells that are either ink (1) or paper (0). Read row by row, the grid becomes a list of 256 numbers — a vector.',
    'digit.section.p2': 'A network with 256 inputs and 10 outputs, one per digit, reads that vector. Each output says how strongly the network believes the picture is that digit. The softmax function turns the outputs into probabilities that add up to 100 %.',
    'digit.section.p3': 'The bars show the verdict of a real classifier: a small convolutional network that reads the standard 28 × 28 MNIST picture. Both networks were trained on 8,000 real handwritten digits and tested on 2,000 others they had never seen.',
    'digit.section.limits': 'What it can’t do: it only knows the digits 0–9, one at a time. A letter, a word or two digits still get one of the ten answers, because those are the only answers it has.',

    'digit.pad.label': 'Drawing pad: draw one digit with mouse, finger or pen',
    'digit.clear': 'Clear',
    'digit.empty': 'Draw a digit',
    'digit.loading': 'Loading the network…',
    'digit.result': 'It is a {digit}',
    'digit.confidence': '{percent} sure',
    'digit.announce': 'Prediction: {digit}, {percent}',
    'digit.bars.title': 'Probabilities (softmax of the 10 outputs)',
    'digit.bar.label': '{digit}: {percent}',
    'digit.input28.title': 'What the network sees: 28 × 28',
    'digit.input28.note': 'Your ink, scaled to fit 20 × 20 and centred by its centre of mass, the way MNIST digits were prepared.',
    'digit.grid.title': 'The 16 × 16 grid',
    'digit.vector.title': 'The same grid as 256 numbers',
    'digit.grid.answer': 'The 256-input network says {digit} ({percent})',
    'digit.grid.answer.empty': 'The 256-input network is waiting for a digit',
    'digit.model': 'CNN test accuracy {cnn}; 16 × 16 network {grid} (on {total} test digits)',

    'error.wasm': 'The model could not be loaded, so this widget can’t run. ({detail})',
    'error.weights': 'The network’s weights could not be loaded. ({detail})',
    'error.crashed': 'The model stopped working. Reload the page to try again. ({detail})',
    'error.input': 'That input could not be read. ({detail})',
  },
  zh: {
    'page.title': 'Plainly：把深度学习讲明白',
    'page.tagline': '本页的每一幅图，都由在你浏览器里运行的真实模型计算出来。',
    'page.language': '语言',
    'page.footer': '模型用 Rust 和 burn 编写，以 WebAssembly 运行。你画的内容不会离开你的电脑。',

    'digit.section.title': '一个数字就是一个向量',
    'digit.section.p1': '在计算机眼里，图片就是一格一格的数字。在下面写一个数字：它会被缩成 16 × 16 的方格，每格要么有墨（1），要么是白纸（0）。一行接一行读下来，这些方格就变成 256 个数——一个向量。',
    'digit.section.p2': '一个有 256 个输入、10 个输出的网络读取这个向量，每个输出对应一个数字，表示网络有多相信图上是这个数字。softmax 函数把这些输出变成加起来等于 100% 的概率。',
    'digit.section.p3': '柱状图显示的是一个真实分类器的判断：一个小型卷积神经网络，读取标准的 28 × 28 MNIST 图片。两个网络都用 8,000 个真实手写数字训练，再用另外 2,000 个从没见过的数字测试。',
    'digit.section.limits': '它做不到的事：它只认识 0–9 这十个数字，而且一次只认一个。写一个字母、一个词或两个数字，它也只能从这十个答案里选一个，因为它只有这十个答案。',

    'digit.pad.label': '画板：用鼠标、手指或触控笔写一个数字',
    'digit.clear': '清除',
    'digit.empty': '请写一个数字',
    'digit.loading': '正在加载网络……',
    'digit.result': '这是 {digit}',
    'digit.confidence': '把握 {percent}',
    'digit.announce': '预测：{digit}，{percent}',
    'digit.bars.title': '概率（10 个输出经过 softmax）',
    'digit.bar.label': '{digit}：{percent}',
    'digit.input28.title': '网络看到的：28 × 28',
    'digit.input28.note': '你的笔迹被缩放到 20 × 20 以内，并按重心居中，和 MNIST 数字的做法一样。',
    'digit.grid.title': '16 × 16 方格',
    'digit.vector.title': '同一个方格写成 256 个数',
    'digit.grid.answer': '256 输入的网络认为是 {digit}（{percent}）',
    'digit.grid.answer.empty': '256 输入的网络在等你写数字',
    'digit.model': '卷积网络测试准确率 {cnn}；16 × 16 网络 {grid}（共 {total} 个测试数字）',

    'error.wasm': '模型无法加载，这个组件不能运行。（{detail}）',
    'error.weights': '网络的权重无法加载。（{detail}）',
    'error.crashed': '模型停止工作了。请刷新页面再试。（{detail}）',
    'error.input': '这个输入无法读取。（{detail}）',
  },
};

/** The language for an element: its own or nearest `lang`, else the page's, else the browser's. */
export function langOf(element) {
  const candidates = [
    element?.closest?.('[lang]')?.getAttribute('lang'),
    globalThis.document?.documentElement?.getAttribute('lang'),
    ...(globalThis.navigator?.languages ?? []),
  ];
  for (const c of candidates) {
    const code = normalise(c);
    if (code) return code;
  }
  return 'en';
}

/** 'zh-CN', 'zh-Hans', 'ZH' → 'zh'; 'en-GB' → 'en'; anything else → null. */
export function normalise(tag) {
  if (typeof tag !== 'string') return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.includes(base) ? base : null;
}

/** The string for `key` in `lang`, with `{name}` replaced by `params.name`. */
export function t(lang, key, params = {}) {
  const table = STRINGS[lang] ?? STRINGS.en;
  const text = table[key] ?? STRINGS.en[key];
  if (text === undefined) throw new Error(`missing i18n key ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** A fraction as a percentage in the reader's locale: 0.973 → "97.3%" / "97.3%". */
export function percent(lang, fraction, digits = 1) {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fraction);
}
