// Every user-visible string, in English and Simplified Chinese. A test fails when a key is
// missing or empty in either language, or when code asks for a key that is not here.

export const LANGS = ['en', 'zh'];

/** Keys whose text is a proper name, written the same in Chinese technical text. */
export const SAME_IN_BOTH = new Set(['marbles.optimizer.adagrad', 'marbles.optimizer.rmsprop', 'marbles.optimizer.adam']);

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

    'marbles.section.title': 'Learning is rolling downhill',
    'marbles.section.p1': 'A network learns by lowering its loss — one number that says how wrong it is. Picture the loss as a floor with hills and pits, and the network’s weights as the position of a marble on it. Gradient descent lets the marble roll: at every step it moves a little in the steepest downhill direction.',
    'marbles.section.p2': 'The learning rate is the size of that step. Too small and the marble crawls; too large and it overshoots, bounces and can fly off — such a marble is marked as diverged. Momentum lets the marble keep some of its speed, so it can roll through small pits. AdaGrad, RMSProp and Adam also scale each step by how steep the floor has been so far.',
    'marbles.section.p3': 'Click the surface to drop a marble, or drop a whole swarm. On the bumpy floor most marbles settle in the nearest pit, not the deepest one; try momentum and count again. The last surface is real: the loss of our digit network along two random directions around its trained weights (Li et al., 2018).',
    'marbles.section.limits': 'What this can’t show: a real network has hundreds of thousands of weights, not two. A flat picture shows one slice through that space, not the whole landscape — a marble here is not a training run.',
    'marbles.surface': 'Surface',
    'marbles.surface.bowl': 'Bowl: x² + y²',
    'marbles.surface.rosenbrock': 'Long curved valley (Rosenbrock)',
    'marbles.surface.himmelblau': 'Four equal pits (Himmelblau)',
    'marbles.surface.bumpy': 'Bumpy floor: many pits, one deepest',
    'marbles.surface.saddle': 'Saddle: x² − y²',
    'marbles.surface.network': 'Real: our digit network’s loss',
    'marbles.optimizer': 'Optimizer',
    'marbles.optimizer.sgd': 'Gradient descent (SGD)',
    'marbles.optimizer.momentum': 'Momentum',
    'marbles.optimizer.nesterov': 'Nesterov momentum',
    'marbles.optimizer.adagrad': 'AdaGrad',
    'marbles.optimizer.rmsprop': 'RMSProp',
    'marbles.optimizer.adam': 'Adam',
    'marbles.lr': 'Learning rate',
    'marbles.beta1': 'Momentum μ (Adam β₁)',
    'marbles.beta2': 'Adam β₂ (RMSProp ρ)',
    'marbles.count': 'Marbles in a swarm',
    'marbles.speed': 'Steps per frame',
    'marbles.compare': 'Side by side with',
    'marbles.compare.none': 'nothing',
    'marbles.compare.lr': 'Its learning rate',
    'marbles.play': 'Play',
    'marbles.pause': 'Pause',
    'marbles.step': 'One step',
    'marbles.swarm': 'Drop a swarm',
    'marbles.reset': 'Reset',
    'marbles.hint': 'Click the surface to drop a marble; click a marble to follow its loss.',
    'marbles.loss': 'loss {loss}',
    'marbles.diverged': 'diverged at step {step}',
    'marbles.left': 'diverged: left the surface at step {step}',
    'marbles.off': 'dropped off the surface',
    'marbles.panel': '{optimizer}, learning rate {lr}',
    'marbles.canvas': '{surface}. Click to drop a marble.',
    'marbles.empty': 'Drop a marble or a swarm, then press Play.',
    'marbles.selected': 'Step {step}. Followed marble: loss {loss}.',
    'marbles.selected.stopped': 'Step {step}. Followed marble: {status}.',
    'marbles.chart.x': 'step',
    'marbles.chart.y': 'loss',
    'marbles.chart.label': 'The followed marble’s loss, step by step',
    'marbles.legend1': 'The chart follows one marble; click another marble to follow it.',
    'marbles.legend2': 'Blue: {a}. Orange: {b}. Same start, same surface.',
    'marbles.tally.rolling': 'Step {step}, still rolling: {global} of {n} at the global minimum so far, {local} in other pits, {diverged} diverged.',
    'marbles.tally.settled': 'Settled by step {step}: {global} of {n} found the global minimum, {local} stopped in a local pit, {elsewhere} elsewhere, {diverged} diverged.',

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

    'marbles.section.title': '学习就是往低处滚',
    'marbles.section.p1': '网络靠降低损失来学习——损失是一个数，说明它错得有多厉害。把损失想成一块有高有低、坑坑洼洼的地面，把网络的权重想成地面上一颗弹珠的位置。梯度下降就是让弹珠滚动：每一步都朝最陡的下坡方向挪一点。',
    'marbles.section.p2': '学习率就是每一步的大小。太小，弹珠慢慢爬；太大，弹珠会冲过头、来回弹，甚至飞出去——这样的弹珠会被标为“发散”。动量让弹珠保留一部分速度，能滚过小坑。AdaGrad、RMSProp 和 Adam 还会按照地面一直以来有多陡来调整每一步。',
    'marbles.section.p3': '点一下地面放一颗弹珠，或者一次放一群。在坑坑洼洼的地面上，大多数弹珠停在最近的坑里，而不是最深的那个；换成动量再数一数。最后一个地面是真实的：我们的数字识别网络在训练好的权重附近、沿两个随机方向的损失（Li 等，2018）。',
    'marbles.section.limits': '它展示不了的：真实的网络有几十万个权重，而不是两个。一张平面图只是这个空间里的一个切面，不是整个地形——这里的一颗弹珠也不等于一次训练。',
    'marbles.surface': '地面',
    'marbles.surface.bowl': '碗：x² + y²',
    'marbles.surface.rosenbrock': '弯曲的长峡谷（Rosenbrock）',
    'marbles.surface.himmelblau': '四个一样深的坑（Himmelblau）',
    'marbles.surface.bumpy': '坑洼地面：很多坑，只有一个最深',
    'marbles.surface.saddle': '马鞍：x² − y²',
    'marbles.surface.network': '真实的：我们数字网络的损失',
    'marbles.optimizer': '优化器',
    'marbles.optimizer.sgd': '梯度下降（SGD）',
    'marbles.optimizer.momentum': '动量',
    'marbles.optimizer.nesterov': 'Nesterov 动量',
    'marbles.optimizer.adagrad': 'AdaGrad',
    'marbles.optimizer.rmsprop': 'RMSProp',
    'marbles.optimizer.adam': 'Adam',
    'marbles.lr': '学习率',
    'marbles.beta1': '动量 μ（Adam 的 β₁）',
    'marbles.beta2': 'Adam 的 β₂（RMSProp 的 ρ）',
    'marbles.count': '一群有几颗弹珠',
    'marbles.speed': '每帧走几步',
    'marbles.compare': '并排对比',
    'marbles.compare.none': '不对比',
    'marbles.compare.lr': '它的学习率',
    'marbles.play': '播放',
    'marbles.pause': '暂停',
    'marbles.step': '走一步',
    'marbles.swarm': '放一群弹珠',
    'marbles.reset': '重来',
    'marbles.hint': '点地面放一颗弹珠；点一颗弹珠，跟踪它的损失。',
    'marbles.loss': '损失 {loss}',
    'marbles.diverged': '第 {step} 步发散',
    'marbles.left': '发散：第 {step} 步滚出了地面',
    'marbles.off': '放在了地面之外',
    'marbles.panel': '{optimizer}，学习率 {lr}',
    'marbles.canvas': '{surface}。点一下放一颗弹珠。',
    'marbles.empty': '放一颗弹珠或一群弹珠，然后按“播放”。',
    'marbles.selected': '第 {step} 步。跟踪的弹珠：损失 {loss}。',
    'marbles.selected.stopped': '第 {step} 步。跟踪的弹珠：{status}。',
    'marbles.chart.x': '步数',
    'marbles.chart.y': '损失',
    'marbles.chart.label': '跟踪的弹珠每一步的损失',
    'marbles.legend1': '图表跟踪一颗弹珠；点另一颗弹珠就改为跟踪它。',
    'marbles.legend2': '蓝色：{a}。橙色：{b}。同样的起点，同样的地面。',
    'marbles.tally.rolling': '第 {step} 步，还在滚：{n} 颗中目前 {global} 颗在全局最低点，{local} 颗在别的坑里，{diverged} 颗发散。',
    'marbles.tally.settled': '第 {step} 步时已停稳：{n} 颗中 {global} 颗找到了全局最低点，{local} 颗停在局部的坑里，{elsewhere} 颗在别处，{diverged} 颗发散。',

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
