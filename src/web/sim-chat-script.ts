/**
 * The simulator's chat page script: plain browser JS polling /sim/api/messages, drawing the chat the way
 * WeCom's client does (avatars, times between groups, template cards) and the side panel; every text
 * goes in through textContent only.
 */
export const simChatScript = `
const chat = document.getElementById('chat');
const { as, me, kind, app } = chat.dataset;
const errorBox = document.getElementById('sim-error');
const el = (tag, props, ...kids) => { const e = Object.assign(document.createElement(tag), props); e.append(...kids); return e; };
const pad = (n) => String(n).padStart(2, '0');
function when(at) {
  const d = new Date(at), now = new Date();
  const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
  return d.toDateString() === now.toDateString() ? hm : (d.getMonth() + 1) + '月' + d.getDate() + '日 ' + hm;
}
const avatar = (name, cls) => el('span', { className: 'avatar ' + cls, textContent: name.slice(-2), ariaHidden: 'true' });
// WeCom markdown: headings, bold, quotes and <font color> are shown as their plain text here.
const plain = (md) => md.replace(/<[^>]+>/g, '').replace(/\\*\\*/g, '').replace(/^#+\\s*|^>\\s?/gm, '');
function card(c) {
  const box = el('div', { className: 'sim-card' });
  box.append(el('div', { className: 'src', textContent: (c.source && c.source.desc) || app }));
  box.append(el('div', { className: 'tt', textContent: (c.main_title && c.main_title.title) || '' }));
  if (c.main_title && c.main_title.desc) box.append(el('div', { className: 'ds', textContent: c.main_title.desc }));
  if (c.sub_title_text) box.append(el('div', { className: 'sub', textContent: c.sub_title_text }));
  if (c.quote_area) box.append(el('div', { className: 'qt', textContent: [c.quote_area.title, c.quote_area.quote_text].filter(Boolean).join(String.fromCharCode(10)) }));
  for (const kv of c.horizontal_content_list || []) box.append(el('div', { className: 'kv' }, el('span', { textContent: kv.keyname }), el('span', { textContent: kv.value })));
  const row = el('div', { className: 'btns' });
  for (const b of c.button_list || []) {
    const btn = el('button', { type: 'button', textContent: b.text, disabled: b.style === 4 });
    if (b.style !== 4) btn.onclick = () => post('/sim/api/press', { as, taskId: c.task_id, key: b.key, label: b.text });
    row.append(btn);
  }
  if (row.childElementCount) box.append(row);
  return box;
}
function render(messages) {
  const nearBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 80;
  const lines = [];
  let lastAt = 0;
  for (const m of messages) {
    if (m.at - lastAt > 5 * 60 * 1000) lines.push(el('div', { className: 'time', textContent: when(m.at) }));
    lastAt = m.at;
    const line = el('div', { className: 'msg ' + m.from, title: when(m.at) });
    const body = m.kind === 'card' ? card(m.card) : el('div', { className: 'bubble', textContent: m.kind === 'markdown' ? plain(m.text || '') : m.text || '' });
    line.append(m.from === 'me' ? avatar(me, kind) : el('span', { className: 'avatar bot', textContent: app.slice(0, 2), ariaHidden: 'true' }), body);
    lines.push(line);
  }
  if (!messages.length) lines.push(el('div', { className: 'time', textContent: kind === 'villager' ? '发一条消息，说说家里遇到的困难' : '发“我的任务”看看手上的任务' }));
  chat.replaceChildren(...lines);
  if (nearBottom || grew) chat.scrollTop = chat.scrollHeight;
  grew = false;
}
function facts(list) {
  document.getElementById('facts').replaceChildren(...list.flatMap((f) => [el('dt', { textContent: f.label }), el('dd', { textContent: f.value, id: 'fact-' + f.key })]));
}
let last = '', grew = true;
async function refresh() {
  const res = await fetch('/sim/api/messages?as=' + encodeURIComponent(as));
  const text = await res.text();
  if (text === last || !res.ok) return;
  const prev = last ? JSON.parse(last).messages.length : 0;
  last = text;
  const doc = JSON.parse(text);
  if (doc.messages.length > prev) grew = true;
  render(doc.messages);
  facts(doc.facts);
}
async function post(url, data) {
  errorBox.textContent = '';
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  if (!res.ok) errorBox.textContent = ((await res.json().catch(() => ({}))).message) || '没有发出去，请您再试一次。';
  grew = true;
  refresh();
}
document.getElementById('say').onsubmit = (e) => {
  e.preventDefault();
  const input = document.getElementById('text');
  if (input.value.trim()) post('/sim/api/say', { as, text: input.value });
  input.value = '';
};
document.getElementById('reset').onclick = () => post('/sim/api/reset', { as });
refresh();
setInterval(refresh, 700);
`;
