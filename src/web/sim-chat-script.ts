/** The simulator's chat page script: plain browser JS, polling the transcript; text goes in via textContent only. */
export const simChatScript = `
const chat = document.getElementById('chat');
const as = chat.dataset.as;
const el = (tag, props, ...kids) => { const e = Object.assign(document.createElement(tag), props); e.append(...kids); return e; };
function card(c) {
  const box = el('div', { className: 'sim-card' });
  box.style.cssText = 'border:1px solid #cbd2d9;border-radius:6px;padding:8px 10px;background:#fff;max-width:420px';
  box.append(el('div', { style: 'font-weight:600' }, (c.main_title && c.main_title.title) || ''), el('div', { className: 'muted' }, (c.main_title && c.main_title.desc) || ''));
  if (c.sub_title_text) box.append(el('div', {}, c.sub_title_text));
  for (const kv of c.horizontal_content_list || []) box.append(el('div', {}, el('span', { className: 'muted' }, kv.keyname + '：'), kv.value));
  const row = el('div', { style: 'display:flex;gap:6px;margin-top:6px' });
  for (const b of c.button_list || []) {
    const btn = el('button', { type: 'button', textContent: b.text, disabled: b.style === 4 });
    if (b.style === 4) btn.style.background = '#9aa5b1';
    else btn.onclick = () => post('/sim/api/press', { as, taskId: c.task_id, key: b.key, label: b.text });
    row.append(btn);
  }
  box.append(row);
  return box;
}
function render(messages) {
  chat.replaceChildren(...messages.map((m) => {
    const line = el('div', { className: 'msg ' + m.from });
    line.style.cssText = 'margin:6px 0;display:flex;' + (m.from === 'me' ? 'justify-content:flex-end' : '');
    const bubble = m.kind === 'card' ? card(m.card) : el('div', { textContent: m.text || '' });
    if (m.kind !== 'card') bubble.style.cssText = 'white-space:pre-wrap;padding:6px 10px;border-radius:8px;max-width:460px;background:' + (m.from === 'me' ? '#d1fae5' : '#eef2f7');
    line.append(bubble);
    return line;
  }));
}
let last = '';
async function refresh() {
  const res = await fetch('/sim/api/messages?as=' + encodeURIComponent(as));
  const text = await res.text();
  if (text !== last) { last = text; render(JSON.parse(text).messages); }
}
async function post(url, data) {
  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  refresh();
}
document.getElementById('say').onsubmit = (e) => {
  e.preventDefault();
  const input = document.getElementById('text');
  if (input.value.trim()) post('/sim/api/say', { as, text: input.value });
  input.value = '';
};
refresh();
setInterval(refresh, 700);
`;
