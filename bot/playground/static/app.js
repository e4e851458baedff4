/* Playground Tindak Lanjut — halaman obrolan mirip Telegram.
 *
 * Semua teks yang dimasukkan halaman ini sendiri (nama, judul, cuplikan, deskripsi, nama berkas)
 * memakai textContent. Satu-satunya innerHTML adalah kolom `html` dari server, yang sudah aman.
 */
'use strict';

(() => {
  // ---------------------------------------------------------------- alat bantu DOM
  const $ = (selector, root = document) => root.querySelector(selector);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const ICONS = {
    reply: 'M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z',
    file: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm-1 7V3.5L18.5 9H13z',
  };

  function icon(name, size = 18) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', ICONS[name]);
    svg.append(path);
    return svg;
  }

  const phone = window.matchMedia('(max-width: 700px)');

  const dom = {
    app: $('#app'),
    pemda: $('#pemda'),
    now: $('#now'),
    conn: $('#conn'),
    people: $('#people'),
    groups: $('#groups'),
    clockStatus: $('#clock-status'),
    toolButtons: ['#clock-day', '#clock-monday', '#clock-digest', '#reset'].map((s) => $(s)),
    back: $('#back'),
    chatAvatar: $('#chat-avatar'),
    chatTitle: $('#chat-title'),
    chatSubtitle: $('#chat-subtitle'),
    asPersonWrap: $('#as-person-wrap'),
    asPerson: $('#as-person'),
    messages: $('#messages'),
    scrollDown: $('#scroll-down'),
    scrollDownCount: $('#scroll-down-count'),
    menu: $('#menu'),
    menuButton: $('#menu-button'),
    composer: $('#composer'),
    input: $('#composer-input'),
    send: $('#send'),
    attach: $('#attach'),
    fileInput: $('#file-input'),
    replyBar: $('#reply-bar'),
    replyName: $('#reply-bar-name'),
    replySnippet: $('#reply-bar-snippet'),
    replyCancel: $('#reply-cancel'),
    toast: $('#toast'),
    alert: $('#alert'),
    alertText: $('#alert-text'),
    alertOk: $('#alert-ok'),
    openAs: $('#open-as'),
    openAsCode: $('#open-as-code'),
    openAsList: $('#open-as-list'),
    openAsCancel: $('#open-as-cancel'),
  };

  const DEFAULT_PLACEHOLDER = 'Tulis pesan…';

  // ---------------------------------------------------------------- keadaan
  const S = {
    state: null,
    people: new Map(), // id -> person
    groups: new Map(), // id -> group
    chatId: null, // obrolan yang terbuka
    messages: new Map(), // message_id -> Message (obrolan yang terbuka)
    elements: new Map(), // message_id -> elemen .message (obrolan yang terbuka)
    loading: false,
    pending: [], // kejadian untuk obrolan terbuka yang tiba saat memuat
    loadSeq: 0,
    stateSeq: 0,
    seen: new Set(), // "chat:message_id" yang sudah diketahui halaman
    unread: new Map(), // chat id -> jumlah pesan baru
    asPerson: readStored('pg.asPerson', {}), // group id -> person id
    drafts: new Map(), // chat id -> teks yang belum terkirim
    reply: null, // {message_id, name, snippet, forced, placeholder, key}
    forceHandled: new Set(), // pesan force_reply yang sudah dijawab/dibatalkan
    menuMode: null, // null | 'all' | 'filter'
    menuItems: [],
    menuActive: -1,
    menuNavigated: false,
    newBelow: 0,
    timeZone: 'Asia/Jakarta',
    busy: false,
  };

  function readStored(key, fallback) {
    try {
      const raw = localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch {
      return fallback;
    }
  }

  function writeStored(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* penyimpanan tidak tersedia: cukup di memori */
    }
  }

  const keyOf = (chatId, messageId) => `${chatId}:${messageId}`;
  const isGroupId = (id) => S.groups.has(id);

  // ---------------------------------------------------------------- API
  async function api(method, path, body) {
    // X-Playground: the server refuses any change without it (no other website can send it)
    const options = { method, headers: method === 'GET' ? {} : { 'X-Playground': '1' } };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok && !(data && typeof data === 'object')) {
      throw new Error(`HTTP ${response.status}`);
    }
    return data;
  }

  // ---------------------------------------------------------------- tampilan umum
  // warna tetap per id (seperti Telegram), disebar dengan hash agar id berurutan tidak sewarna
  function colorIndex(id) {
    const text = String(id);
    let hash = 0x811c9dc5; // FNV-1a, lalu diaduk agar digit terakhir ikut menentukan
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x2c1b3c6d);
    hash ^= hash >>> 12;
    return (hash >>> 0) % 7;
  }

  function initials(name) {
    const words = String(name || '?')
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .split(/\s+/)
      .filter(Boolean);
    if (!words.length) return '?';
    const letters = words.length > 1 ? words[0][0] + words[1][0] : words[0].slice(0, 2);
    return letters.toUpperCase();
  }

  function avatar(id, name, extraClass = '') {
    const node = el('div', `avatar c${colorIndex(id)} ${extraClass}`.trim(), initials(name));
    node.setAttribute('aria-hidden', 'true');
    return node;
  }

  let toastTimer = 0;
  function toast(text, ms = 2500) {
    dom.toast.textContent = text;
    dom.toast.hidden = false;
    // ulangi animasi masuk
    dom.toast.style.animation = 'none';
    void dom.toast.offsetWidth;
    dom.toast.style.animation = '';
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      dom.toast.hidden = true;
    }, ms);
  }

  function showAlert(text) {
    dom.alertText.textContent = text;
    dom.alert.hidden = false;
    dom.alertOk.focus();
  }

  function closeAlert() {
    dom.alert.hidden = true;
  }

  function setNow(now) {
    if (typeof now === 'string' && now) {
      dom.now.textContent = now;
      S.timeZone = /\bWITA\b/.test(now)
        ? 'Asia/Makassar'
        : /\bWIT\b/.test(now)
          ? 'Asia/Jayapura'
          : 'Asia/Jakarta';
    }
  }

  const numberFmt = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

  function formatSize(bytes) {
    const n = Number(bytes);
    if (!Number.isFinite(n) || n < 0) return '';
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${numberFmt.format(n / 1024)} KB`;
    if (n < 1024 * 1024 * 1024) return `${numberFmt.format(n / 1024 / 1024)} MB`;
    return `${numberFmt.format(n / 1024 / 1024 / 1024)} GB`;
  }

  function dayKey(unix) {
    if (!Number.isFinite(Number(unix))) return '';
    try {
      return new Date(Number(unix) * 1000).toLocaleDateString('en-CA', { timeZone: S.timeZone });
    } catch {
      return new Date(Number(unix) * 1000).toDateString();
    }
  }

  function dayLabel(unix) {
    try {
      return new Date(Number(unix) * 1000).toLocaleDateString('id-ID', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: S.timeZone,
      });
    } catch {
      return '';
    }
  }

  // teks polos dari html server (untuk cuplikan balasan); template tidak menjalankan apa pun
  function plainText(html) {
    const template = document.createElement('template');
    template.innerHTML = html || '';
    return template.content.textContent || '';
  }

  function snippetOf(message) {
    let text = plainText(message.html).replace(/\s+/g, ' ').trim();
    if (!text && message.document) text = `📄 ${message.document.name || 'Berkas'}`;
    if (!text && message.photo) text = '🖼 Foto';
    if (!text) text = 'Pesan';
    return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  }

  // ---------------------------------------------------------------- daftar orang & grup
  function personById(id) {
    return S.people.get(Number(id)) || null;
  }

  function listItem(kind, id, name, sub) {
    const li = el('li', 'chat-item');
    li.dataset[kind] = String(id);
    li.tabIndex = 0;
    li.setAttribute('role', 'button');
    li.append(avatar(id, name, kind === 'group' ? 'group' : ''));
    const main = el('div', 'chat-item-main');
    main.append(el('div', 'chat-item-name', name), el('div', 'chat-item-sub', sub));
    li.append(main);
    const select = () => openChat(id, { show: true });
    li.addEventListener('click', select);
    li.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    });
    return li;
  }

  function renderLists() {
    const people = S.state.people || [];
    const groups = S.state.groups || [];
    dom.people.replaceChildren(
      ...people.map((p) => listItem('person', p.id, p.name, p.role || 'Pengguna')),
    );
    dom.groups.replaceChildren(
      ...groups.map((g) => {
        const count = (g.members || []).length;
        return listItem('group', g.id, g.title, `${count} anggota`);
      }),
    );
    if (!groups.length) dom.groups.append(el('li', 'chat-item-sub list-empty', 'Belum ada grup.'));
    for (const id of S.unread.keys()) updateBadge(id);
    markActive();
  }

  function listItemFor(chatId) {
    const selector = isGroupId(chatId)
      ? `[data-group="${Number(chatId)}"]`
      : `[data-person="${Number(chatId)}"]`;
    return document.querySelector(`.chat-list ${selector}`);
  }

  function updateBadge(chatId) {
    const item = listItemFor(chatId);
    if (!item) return;
    const count = S.unread.get(chatId) || 0;
    let badge = item.querySelector('.badge');
    if (!count) {
      if (badge) badge.remove();
      return;
    }
    if (!badge) {
      badge = el('span', 'badge');
      item.append(badge);
    }
    badge.textContent = count > 99 ? '99+' : String(count);
    badge.setAttribute('aria-label', `${count} pesan belum dibaca`);
  }

  function markActive() {
    for (const item of document.querySelectorAll('.chat-item')) {
      const id = Number(item.dataset.person ?? item.dataset.group);
      const active = id === S.chatId;
      item.classList.toggle('active', active);
      if (active) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
    }
  }

  // ---------------------------------------------------------------- siapa yang menulis
  function groupMembers(groupId) {
    const group = S.groups.get(groupId);
    return group ? (group.members || []).map(Number) : [];
  }

  function currentSender() {
    if (S.chatId === null) return null;
    if (!isGroupId(S.chatId)) return S.chatId;
    const members = groupMembers(S.chatId);
    const chosen = Number(S.asPerson[S.chatId]);
    if (members.includes(chosen)) return chosen;
    return members.length ? members[0] : null;
  }

  function renderHeader() {
    const id = S.chatId;
    if (id === null) return;
    if (isGroupId(id)) {
      const group = S.groups.get(id);
      const members = groupMembers(id);
      dom.chatAvatar.className = `avatar c${colorIndex(id)}`;
      dom.chatAvatar.textContent = initials(group.title);
      dom.chatTitle.textContent = group.title;
      dom.chatSubtitle.textContent = `${members.length} anggota, termasuk bot`;
      dom.asPerson.replaceChildren(
        ...members.map((memberId) => {
          const person = personById(memberId);
          const label = person
            ? `${person.name}${person.role ? ` — ${person.role}` : ''}`
            : `Pengguna ${memberId}`;
          const option = el('option', '', label);
          option.value = String(memberId);
          return option;
        }),
      );
      const sender = currentSender();
      if (sender !== null) dom.asPerson.value = String(sender);
      dom.asPersonWrap.hidden = members.length === 0;
    } else {
      const person = personById(id);
      dom.chatAvatar.className = `avatar c${colorIndex(id)}`;
      dom.chatAvatar.textContent = initials(person ? person.name : '?');
      dom.chatTitle.textContent = person ? person.name : `Pengguna ${id}`;
      const bot = (S.state && S.state.bot) || {};
      const role = person && person.role ? person.role : 'Pengguna';
      dom.chatSubtitle.textContent = bot.name ? `${role} · obrolan pribadi dengan ${bot.name}` : role;
      dom.asPersonWrap.hidden = true;
      dom.asPerson.replaceChildren();
    }
    document.title = `${dom.chatTitle.textContent} – Playground Tindak Lanjut`;
  }

  // ---------------------------------------------------------------- pesan
  function isOutgoing(message) {
    const from = message.from || {};
    return !from.is_bot && Number(from.id) === currentSender();
  }

  function inviteCode(href) {
    const bot = S.state && S.state.bot;
    if (!bot || !bot.username || !href) return null;
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    const host = url.hostname.toLowerCase();
    if (host !== 't.me' && host !== 'telegram.me' && host !== 'www.t.me') return null;
    const path = url.pathname.replace(/^\/+|\/+$/g, '');
    if (path.toLowerCase() !== String(bot.username).toLowerCase()) return null;
    const code = url.searchParams.get('start');
    return code === null ? null : code;
  }

  const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/g;

  // tautan polos di dalam teks dijadikan <a> (seperti aplikasi Telegram), lewat DOM
  function linkify(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const targets = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && node.parentElement.closest('a, code, pre')) continue;
      URL_IN_TEXT.lastIndex = 0;
      if (URL_IN_TEXT.test(node.nodeValue)) targets.push(node);
    }
    for (const node of targets) {
      const text = node.nodeValue;
      const fragment = document.createDocumentFragment();
      let last = 0;
      URL_IN_TEXT.lastIndex = 0;
      for (let match = URL_IN_TEXT.exec(text); match; match = URL_IN_TEXT.exec(text)) {
        if (match.index > last) fragment.append(text.slice(last, match.index));
        const a = el('a', '', match[0]);
        a.href = match[0];
        a.target = '_blank';
        a.rel = 'noopener';
        fragment.append(a);
        last = match.index + match[0].length;
      }
      if (last < text.length) fragment.append(text.slice(last));
      node.replaceWith(fragment);
    }
  }

  // baris baru tepat sesudah kutipan/blok kode sudah diwakili oleh blok itu sendiri
  function trimAfterBlocks(root) {
    for (const block of root.querySelectorAll('blockquote, pre')) {
      const next = block.nextSibling;
      if (next && next.nodeType === Node.TEXT_NODE && next.nodeValue.startsWith('\n')) {
        next.nodeValue = next.nodeValue.slice(1);
      }
    }
  }

  function metaElement(message, outgoing) {
    const meta = el('span', 'meta');
    if (message.edited) meta.append(el('span', 'edited', 'diedit'));
    const time = el('span', 'time', message.time || '');
    meta.append(time);
    if (outgoing) meta.append(el('span', 'checks', '✓✓'));
    return meta;
  }

  function fileKind(name, mime) {
    const ext = (String(name).match(/\.([a-z0-9]{1,5})$/i) || [])[1] || '';
    const lower = ext.toLowerCase();
    let kind = '';
    if (['xls', 'xlsx', 'csv', 'ods'].includes(lower)) kind = 'xls';
    else if (lower === 'pdf') kind = 'pdf';
    else if (['doc', 'docx', 'odt', 'rtf'].includes(lower)) kind = 'doc';
    else if (String(mime || '').startsWith('image/')) kind = 'img';
    return { ext: ext.toUpperCase().slice(0, 4), kind };
  }

  function renderMessage(message) {
    const from = message.from || {};
    const group = isGroupId(S.chatId);
    const outgoing = isOutgoing(message);
    const row = el('div', `message ${outgoing ? 'out' : 'in'}`);
    row.dataset.messageId = String(message.message_id);
    row.dataset.from = String(from.id);
    row.dataset.day = dayKey(message.date);
    if (from.is_bot) row.classList.add('from-bot');
    if (message.delivered === false) row.classList.add('undelivered');

    const showSender = group && !outgoing;
    if (showSender) {
      row.classList.add('group-other');
      row.append(avatar(from.id, from.name, 'msg-avatar'));
    }

    const body = el('div', 'message-body');
    const bubble = el('div', 'bubble');
    body.append(bubble);

    if (showSender) {
      bubble.append(el('div', `sender n${colorIndex(from.id)}`, from.name || 'Tanpa nama'));
    }

    if (message.reply_to) {
      const quote = el('div', 'reply-quote');
      quote.dataset.replyTo = String(message.reply_to.message_id);
      quote.setAttribute('role', 'button');
      quote.title = 'Lihat pesan yang dibalas';
      quote.append(
        el('div', 'reply-quote-name', message.reply_to.from_name || 'Pesan'),
        el('div', 'reply-quote-snippet', message.reply_to.snippet || ''),
      );
      bubble.append(quote);
    }

    if (message.photo && message.photo.url) {
      const link = el('a', 'photo');
      link.href = message.photo.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.title = 'Buka foto ukuran penuh';
      const img = el('img');
      img.src = message.photo.url;
      img.alt = 'Foto';
      img.addEventListener('load', onMediaLoaded);
      link.append(img);
      bubble.append(link);
    }

    if (message.document) {
      const doc = message.document;
      const name = doc.name || 'berkas';
      const card = el('a', 'file-card');
      card.href = doc.url || '#';
      card.setAttribute('download', name);
      card.title = `Unduh ${name}`;
      const { ext, kind } = fileKind(name, doc.mime_type);
      const badge = el('span', `file-icon ${kind}`);
      badge.append(icon('file', 20));
      if (ext) badge.append(el('span', '', ext));
      const info = el('span', 'file-info');
      info.append(el('span', 'file-name', name), el('span', 'file-size', formatSize(doc.size)));
      card.append(badge, info);
      bubble.append(card);
    }

    const html = String(message.html || '').replace(/\n+$/, '');
    const meta = metaElement(message, outgoing);
    if (html) {
      const text = el('div', 'text');
      text.innerHTML = html; // html dari server sudah aman
      trimAfterBlocks(text);
      linkify(text);
      text.append(meta);
      bubble.append(text);
    } else {
      const metaRow = el('div', 'meta-row');
      metaRow.append(meta);
      bubble.append(metaRow);
      if (message.photo && !message.document && !message.reply_to && !showSender) {
        bubble.classList.add('media-only');
      }
    }

    const rows = Array.isArray(message.buttons) ? message.buttons : [];
    if (rows.some((r) => Array.isArray(r) && r.length)) {
      row.classList.add('has-buttons');
      const keyboard = el('div', 'inline-keyboard');
      for (const buttons of rows) {
        if (!Array.isArray(buttons) || !buttons.length) continue;
        const kbRow = el('div', 'kb-row');
        for (const b of buttons) kbRow.append(renderButton(b, message));
        keyboard.append(kbRow);
      }
      body.append(keyboard);
    }

    if (message.delivered === false) {
      body.append(el('div', 'privacy-note', 'tidak terbaca bot (mode privasi)'));
    }

    row.append(body);

    const replyAction = el('button', 'reply-action');
    replyAction.type = 'button';
    replyAction.title = 'Balas';
    replyAction.setAttribute('aria-label', 'Balas pesan ini');
    replyAction.append(icon('reply', 16), el('span', 'reply-label', 'Balas'));
    row.append(replyAction);

    return row;
  }

  function renderButton(b, message) {
    const text = b && b.text ? String(b.text) : '';
    if (b && typeof b.url === 'string' && b.url) {
      const a = el('a', 'inline-button url-button', text);
      a.href = b.url;
      a.target = '_blank';
      a.rel = 'noopener';
      a.append(el('span', 'url-mark', '↗'));
      return a;
    }
    const button = el('button', 'inline-button', text);
    button.type = 'button';
    if (b && typeof b.data === 'string') {
      button.dataset.data = b.data;
      button.addEventListener('click', () => press(button, message));
    } else {
      button.disabled = true;
      button.title = 'Tombol jenis ini tidak didukung playground';
    }
    return button;
  }

  // pemisah tanggal dan pengelompokan pesan berurutan dari pengirim yang sama
  function decorate() {
    const box = dom.messages;
    for (const sep of box.querySelectorAll('.date-sep')) sep.remove();
    const rows = Array.from(box.querySelectorAll('.message'));
    let prev = null;
    for (const row of rows) {
      const day = row.dataset.day;
      const newDay = !prev || prev.dataset.day !== day;
      if (newDay && day) {
        const message = S.messages.get(Number(row.dataset.messageId));
        const label = message ? dayLabel(message.date) : '';
        if (label) {
          const sep = el('div', 'date-sep');
          sep.append(el('span', '', label));
          row.before(sep);
        }
      }
      const sameSender =
        prev && !newDay && prev.dataset.from === row.dataset.from &&
        !prev.classList.contains('has-buttons');
      row.classList.toggle('first-of-group', !sameSender);
      if (prev) prev.classList.toggle('last-of-group', !sameSender);
      prev = row;
    }
    if (prev) prev.classList.add('last-of-group');
    const empty = box.querySelector('.chat-note.empty');
    if (rows.length && empty) empty.remove();
    if (!rows.length && !empty && !S.loading) box.append(emptyNote());
  }

  function emptyNote() {
    const group = isGroupId(S.chatId);
    return el(
      'div',
      'chat-note empty',
      group
        ? 'Belum ada pesan di grup ini.'
        : 'Belum ada pesan. Ketik /start untuk memulai obrolan dengan bot.',
    );
  }

  function nearBottom() {
    const box = dom.messages;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  }

  function scrollToBottom() {
    dom.messages.scrollTop = dom.messages.scrollHeight;
    S.newBelow = 0;
    updateScrollDown();
  }

  function updateScrollDown() {
    const far = !nearBottom();
    dom.scrollDown.hidden = !far;
    if (!far) S.newBelow = 0;
    dom.scrollDownCount.hidden = !S.newBelow;
    dom.scrollDownCount.textContent = String(S.newBelow);
  }

  let stickToBottom = true;
  function onMediaLoaded() {
    if (stickToBottom) dom.messages.scrollTop = dom.messages.scrollHeight;
  }

  // menyisipkan atau mengganti pesan pada obrolan terbuka, diurutkan menurut message_id
  function upsertMessage(message) {
    const id = Number(message.message_id);
    S.messages.set(id, message);
    S.seen.add(keyOf(S.chatId, id));
    const node = renderMessage(message);
    const existing = S.elements.get(id);
    if (existing && existing.isConnected) {
      existing.replaceWith(node);
    } else {
      let after = null;
      const rows = dom.messages.querySelectorAll('.message');
      for (let i = rows.length - 1; i >= 0; i--) {
        if (Number(rows[i].dataset.messageId) < id) {
          after = rows[i];
          break;
        }
      }
      if (after) after.after(node);
      else dom.messages.prepend(node);
    }
    S.elements.set(id, node);
    return node;
  }

  function removeMessage(id) {
    const node = S.elements.get(id);
    if (node) node.remove();
    S.elements.delete(id);
    S.messages.delete(id);
    if (S.reply && S.reply.message_id === id) clearReply();
    decorate();
  }

  function renderAllMessages() {
    dom.messages.replaceChildren();
    S.elements.clear();
    const list = Array.from(S.messages.values()).sort((a, b) => a.message_id - b.message_id);
    for (const message of list) {
      const node = renderMessage(message);
      S.elements.set(Number(message.message_id), node);
      dom.messages.append(node);
    }
    decorate();
  }

  async function loadMessages({ keepScroll = false } = {}) {
    const chatId = S.chatId;
    const seq = ++S.loadSeq;
    S.loading = true;
    S.pending = [];
    let data;
    try {
      data = await api('GET', `/api/chats/${chatId}/messages`);
    } catch {
      data = null;
    }
    if (seq !== S.loadSeq) return;
    if (!data || !Array.isArray(data.messages)) {
      S.loading = false;
      dom.messages.replaceChildren(el('div', 'chat-note', 'Gagal memuat pesan. Coba lagi sebentar.'));
      return;
    }
    const wasNearBottom = nearBottom();
    const scrollTop = dom.messages.scrollTop;
    S.messages = new Map();
    for (const m of data.messages) {
      S.messages.set(Number(m.message_id), m);
      S.seen.add(keyOf(chatId, m.message_id));
    }
    S.loading = false;
    renderAllMessages();
    const pending = S.pending;
    S.pending = [];
    for (const event of pending) applyEvent(event);
    if (keepScroll && !wasNearBottom) dom.messages.scrollTop = scrollTop;
    else scrollToBottom();
    stickToBottom = nearBottom();
    applyForceReply();
  }

  // ---------------------------------------------------------------- membuka obrolan
  function chatFromHash() {
    const match = /^#chat=(-?\d+)$/.exec(location.hash);
    return match ? Number(match[1]) : null;
  }

  function setHash(id) {
    const hash = `#chat=${id}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  function showChatView() {
    if (dom.app.classList.contains('view-chat')) return;
    dom.app.classList.add('view-chat');
    // daftar pesan tadi tersembunyi (ponsel) sehingga belum bisa digulir ke bawah
    if (stickToBottom) scrollToBottom();
    if (phone.matches) {
      history.replaceState({ view: 'list' }, '', location.hash);
      history.pushState({ view: 'chat' }, '', `#chat=${S.chatId}`);
    }
  }

  function showListView() {
    dom.app.classList.remove('view-chat');
    closeMenu();
  }

  async function openChat(id, { show = false, focus = true } = {}) {
    id = Number(id);
    if (!S.people.has(id) && !S.groups.has(id)) return;
    const changed = id !== S.chatId;
    if (changed) {
      if (S.chatId !== null) S.drafts.set(S.chatId, dom.input.value);
      S.chatId = id;
      clearReply();
      closeMenu();
      dom.input.value = S.drafts.get(id) || '';
      autosize();
      S.messages = new Map();
      S.elements.clear();
      S.newBelow = 0;
      dom.messages.replaceChildren(el('div', 'chat-note loading', 'Memuat pesan…'));
    }
    S.unread.delete(id);
    updateBadge(id);
    markActive();
    renderHeader();
    setHash(id);
    if (show) showChatView();
    if (focus && !phone.matches) dom.input.focus();
    if (changed) await loadMessages();
  }

  // ---------------------------------------------------------------- balasan
  function setReply(message, { forced = false } = {}) {
    const from = message.from || {};
    S.reply = {
      message_id: Number(message.message_id),
      key: keyOf(S.chatId, message.message_id),
      forced,
      placeholder: forced && message.placeholder ? String(message.placeholder) : null,
    };
    dom.replyName.textContent = `Balas ke ${from.name || 'pesan'}`;
    dom.replySnippet.textContent = snippetOf(message);
    dom.replyBar.hidden = false;
    dom.input.placeholder = S.reply.placeholder || DEFAULT_PLACEHOLDER;
  }

  function clearReply() {
    S.reply = null;
    dom.replyBar.hidden = true;
    dom.replyName.textContent = '';
    dom.replySnippet.textContent = '';
    dom.input.placeholder = DEFAULT_PLACEHOLDER;
  }

  // pesan bot terakhir yang meminta jawaban (force_reply) langsung menjadi sasaran balasan
  function applyForceReply() {
    const list = Array.from(S.messages.values()).sort((a, b) => a.message_id - b.message_id);
    let index = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].from && list[i].from.is_bot) {
        index = i;
        break;
      }
    }
    const last = index >= 0 ? list[index] : null;
    if (!last || !last.force_reply) {
      if (S.reply && S.reply.forced) clearReply();
      return;
    }
    const key = keyOf(S.chatId, last.message_id);
    if (S.reply && S.reply.key === key) return;
    if (S.forceHandled.has(key)) return;
    const me = currentSender();
    const answered = list.slice(index + 1).some((m) => m.from && Number(m.from.id) === me);
    if (answered) return;
    setReply(last, { forced: true });
    if (!phone.matches) dom.input.focus();
  }

  function scrollToMessage(id) {
    const node = S.elements.get(Number(id));
    if (!node || !node.isConnected) {
      toast('Pesan yang dibalas tidak ditemukan di obrolan ini.');
      return;
    }
    node.scrollIntoView({ block: 'center', behavior: 'smooth' });
    node.classList.add('highlight');
    setTimeout(() => node.classList.remove('highlight'), 1500);
  }

  // ---------------------------------------------------------------- mengirim
  async function sendText(text, { from, chat, replyTo } = {}) {
    const chatId = chat ?? S.chatId;
    const sender = from ?? currentSender();
    if (sender === null || chatId === null) {
      toast('Belum ada anggota yang dapat mengirim di obrolan ini.');
      return false;
    }
    let result;
    try {
      result = await api('POST', '/api/send', {
        from: sender,
        chat: chatId,
        text,
        reply_to: replyTo ?? null,
      });
    } catch {
      toast('Gagal menghubungi server. Pesan belum terkirim.');
      return false;
    }
    if (!result || !result.ok) {
      toast(result && result.error ? `Pesan tidak terkirim: ${result.error}` : 'Pesan tidak terkirim.');
      return false;
    }
    if (result.message && chatId === S.chatId) {
      const wasLoading = S.loading;
      if (wasLoading) {
        S.pending.push({ type: 'message', chat: chatId, message: result.message });
      } else {
        upsertMessage(result.message);
        decorate();
        scrollToBottom();
        stickToBottom = true;
        applyForceReply();
      }
    } else if (result.message) {
      S.seen.add(keyOf(chatId, result.message.message_id));
    }
    return true;
  }

  async function submitComposer() {
    if (S.busy) return;
    const text = dom.input.value.trim();
    if (!text) {
      dom.input.focus();
      return;
    }
    const reply = S.reply;
    const chatId = S.chatId;
    if (reply && reply.forced) S.forceHandled.add(reply.key);
    dom.input.value = '';
    S.drafts.delete(chatId);
    autosize();
    closeMenu();
    clearReply();
    S.busy = true;
    const ok = await sendText(text, { chat: chatId, replyTo: reply ? reply.message_id : null });
    S.busy = false;
    if (!ok && chatId === S.chatId && !dom.input.value) {
      dom.input.value = text; // kembalikan agar tidak hilang
      autosize();
      if (reply) {
        const original = S.messages.get(reply.message_id);
        if (original) setReply(original, { forced: reply.forced });
      }
    }
    if (!phone.matches) dom.input.focus();
  }

  async function uploadFile(file) {
    const chatId = S.chatId;
    const sender = currentSender();
    if (sender === null) {
      toast('Belum ada anggota yang dapat mengirim di obrolan ini.');
      return;
    }
    const caption = dom.input.value.trim();
    const reply = S.reply;
    const form = new FormData();
    form.append('from', String(sender));
    form.append('chat', String(chatId));
    if (caption) form.append('caption', caption);
    if (reply) form.append('reply_to', String(reply.message_id));
    form.append('file', file, file.name);
    dom.attach.classList.add('busy');
    dom.attach.setAttribute('aria-busy', 'true');
    let result;
    try {
      result = await api('POST', '/api/upload', form);
    } catch {
      result = null;
    } finally {
      dom.attach.classList.remove('busy');
      dom.attach.removeAttribute('aria-busy');
      dom.fileInput.value = '';
    }
    if (!result || !result.ok) {
      toast(result && result.error ? `Berkas tidak terkirim: ${result.error}` : 'Berkas tidak terkirim.');
      return;
    }
    if (chatId === S.chatId) {
      if (caption && dom.input.value.trim() === caption) {
        closeMenu();
        dom.input.value = '';
        autosize();
      }
      if (reply && S.reply && S.reply.key === reply.key) {
        if (reply.forced) S.forceHandled.add(reply.key);
        clearReply();
      }
      if (result.message) {
        upsertMessage(result.message);
        decorate();
        scrollToBottom();
        stickToBottom = true;
      }
    } else if (result.message) {
      S.seen.add(keyOf(chatId, result.message.message_id));
    }
  }

  // ---------------------------------------------------------------- tombol inline
  async function press(button, message) {
    if (button.classList.contains('loading')) return;
    const chatId = Number(message.chat_id ?? S.chatId);
    const sender = chatId === S.chatId ? currentSender() : chatId;
    if (sender === null) {
      toast('Belum ada anggota yang dapat menekan tombol di obrolan ini.');
      return;
    }
    button.classList.add('loading');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const spinner = el('span', 'spinner');
    spinner.setAttribute('aria-hidden', 'true');
    button.prepend(spinner);
    let result;
    try {
      result = await api('POST', '/api/press', {
        from: sender,
        chat: chatId,
        message_id: Number(message.message_id),
        data: button.dataset.data,
      });
    } catch {
      result = null;
    } finally {
      spinner.remove();
      button.classList.remove('loading');
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
    if (!result) {
      toast('Gagal menghubungi server.');
      return;
    }
    if (!result.ok) {
      toast(result.error ? `Tombol tidak dapat diproses: ${result.error}` : 'Tombol tidak dapat diproses.');
      return;
    }
    const answer = result.answer;
    if (answer && answer.text) {
      if (answer.show_alert) showAlert(String(answer.text));
      else toast(String(answer.text));
    }
  }

  // ---------------------------------------------------------------- tautan undangan
  let openAsCode = null;

  function showOpenAs(code) {
    openAsCode = code;
    dom.openAsCode.textContent = code ? `Kode: ${code}` : '';
    const people = (S.state && S.state.people) || [];
    dom.openAsList.replaceChildren(
      ...people.map((p) => {
        const b = el('button', 'open-as-item');
        b.type = 'button';
        b.dataset.openAs = String(p.id);
        const info = el('span', 'chat-item-main');
        info.append(el('span', 'chat-item-name', p.name), el('span', 'chat-item-sub', p.role || ''));
        info.firstChild.style.display = 'block';
        info.lastChild.style.display = 'block';
        b.append(avatar(p.id, p.name), info);
        return b;
      }),
    );
    dom.openAs.hidden = false;
    const first = dom.openAsList.querySelector('button');
    if (first) first.focus();
  }

  function closeOpenAs() {
    dom.openAs.hidden = true;
    openAsCode = null;
  }

  async function openLinkAs(personId) {
    const code = openAsCode;
    closeOpenAs();
    if (code === null) return;
    const id = Number(personId);
    await openChat(id, { show: true });
    await sendText(code ? `/start ${code}` : '/start', { from: id, chat: id, replyTo: null });
  }

  // ---------------------------------------------------------------- menu perintah
  function currentCommands() {
    if (S.chatId === null) return [];
    const owner = isGroupId(S.chatId) ? S.groups.get(S.chatId) : S.people.get(S.chatId);
    return (owner && Array.isArray(owner.commands) ? owner.commands : []).filter(
      (c) => c && c.command,
    );
  }

  function openMenu(mode, filter = '') {
    const all = currentCommands();
    const needle = filter.toLowerCase();
    const items = mode === 'filter' ? all.filter((c) => c.command.toLowerCase().startsWith(needle)) : all;
    if (mode === 'filter' && !items.length) {
      closeMenu();
      return;
    }
    S.menuMode = mode;
    S.menuItems = items;
    S.menuActive = mode === 'filter' ? 0 : -1;
    S.menuNavigated = false;
    dom.menu.replaceChildren();
    if (!items.length) {
      dom.menu.append(el('div', 'menu-empty', 'Tidak ada perintah untuk obrolan ini.'));
    }
    items.forEach((c, i) => {
      const b = el('button', 'command');
      b.type = 'button';
      b.dataset.command = c.command;
      b.setAttribute('role', 'option');
      b.tabIndex = -1;
      b.append(el('span', 'command-name', `/${c.command}`), el('span', 'command-desc', c.description || ''));
      b.addEventListener('mousedown', (event) => event.preventDefault()); // fokus tetap di kotak teks
      b.addEventListener('click', () => chooseCommand(c.command));
      b.addEventListener('mouseenter', () => setMenuActive(i));
      dom.menu.append(b);
    });
    setMenuActive(S.menuActive);
    dom.menu.hidden = false;
    dom.menuButton.setAttribute('aria-expanded', 'true');
  }

  function setMenuActive(index) {
    S.menuActive = index;
    dom.menu.querySelectorAll('.command').forEach((node, i) => {
      node.classList.toggle('active', i === index);
      node.setAttribute('aria-selected', i === index ? 'true' : 'false');
      if (i === index) node.scrollIntoView({ block: 'nearest' });
    });
  }

  function closeMenu() {
    S.menuMode = null;
    S.menuItems = [];
    S.menuActive = -1;
    dom.menu.hidden = true;
    dom.menu.replaceChildren();
    dom.menuButton.setAttribute('aria-expanded', 'false');
  }

  function chooseCommand(command) {
    closeMenu();
    dom.input.value = `/${command} `;
    autosize();
    dom.input.focus();
    const end = dom.input.value.length;
    dom.input.setSelectionRange(end, end);
  }

  function updateMenuFromInput() {
    const value = dom.input.value;
    const match = /^\/([^\s@]*)$/.exec(value);
    if (match) openMenu('filter', match[1]);
    else if (S.menuMode === 'filter') closeMenu();
  }

  // ---------------------------------------------------------------- kotak teks
  function autosize() {
    dom.input.style.height = 'auto';
    dom.input.style.height = `${Math.min(dom.input.scrollHeight, 180)}px`;
  }

  function onComposerKey(event) {
    if (event.isComposing) return;
    if (S.menuMode && S.menuItems.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const n = S.menuItems.length;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const next = S.menuActive < 0 ? (step > 0 ? 0 : n - 1) : (S.menuActive + step + n) % n;
        S.menuNavigated = true;
        setMenuActive(next);
        return;
      }
      if (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey && S.menuNavigated)) {
        const item = S.menuItems[S.menuActive >= 0 ? S.menuActive : 0];
        if (item) {
          event.preventDefault();
          chooseCommand(item.command);
          return;
        }
      }
    }
    if (event.key === 'Escape') {
      if (S.menuMode) closeMenu();
      else if (S.reply) cancelReply();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submitComposer();
    }
  }

  function cancelReply() {
    if (S.reply && S.reply.forced) S.forceHandled.add(S.reply.key);
    clearReply();
  }

  // ---------------------------------------------------------------- jam & ulang
  function setToolsBusy(busy, label) {
    for (const b of dom.toolButtons) b.disabled = busy;
    dom.clockStatus.hidden = !busy;
    if (label) dom.clockStatus.textContent = label;
  }

  async function clockStep(step) {
    setToolsBusy(true, 'Memajukan waktu…');
    try {
      const result = await api('POST', '/api/clock', { step });
      if (result && result.ok) setNow(result.now);
      else toast(result && result.error ? `Waktu tidak dapat dimajukan: ${result.error}` : 'Waktu tidak dapat dimajukan.');
    } catch {
      toast('Gagal menghubungi server.');
    } finally {
      setToolsBusy(false);
    }
  }

  async function resetAll() {
    const sure = window.confirm(
      'Ulangi dari awal?\n\nSemua pesan, arahan, dan laporan di playground akan dikembalikan ke contoh awal.',
    );
    if (!sure) return;
    setToolsBusy(true, 'Mengulang dari awal…');
    try {
      const result = await api('POST', '/api/reset');
      if (result && result.ok) {
        await reloadAll({ reset: true });
        toast('Playground sudah dikembalikan ke awal.');
      } else {
        toast(result && result.error ? `Gagal mengulang: ${result.error}` : 'Gagal mengulang dari awal.');
      }
    } catch {
      toast('Gagal menghubungi server.');
    } finally {
      setToolsBusy(false);
    }
  }

  // ---------------------------------------------------------------- keadaan server
  async function loadState() {
    const seq = ++S.stateSeq;
    const state = await api('GET', '/api/state');
    if (seq !== S.stateSeq) return false;
    if (!state || !Array.isArray(state.people)) throw new Error('keadaan tidak sah');
    S.state = state;
    S.people = new Map(state.people.map((p) => [Number(p.id), p]));
    S.groups = new Map((state.groups || []).map((g) => [Number(g.id), g]));
    dom.pemda.textContent = state.pemda || '';
    setNow(state.now);
    renderLists();
    return true;
  }

  function defaultChat() {
    const first = S.state && S.state.people && S.state.people[0];
    return first ? Number(first.id) : null;
  }

  async function reloadAll({ reset = false } = {}) {
    if (reset) {
      S.unread.clear();
      S.seen.clear();
      S.forceHandled.clear();
      S.drafts.clear();
      clearReply();
    }
    try {
      await loadState();
    } catch {
      toast('Gagal memuat data playground.');
      return;
    }
    if (S.chatId === null || (!S.people.has(S.chatId) && !S.groups.has(S.chatId))) {
      const id = defaultChat();
      S.chatId = null;
      if (id !== null) await openChat(id, { focus: false });
      return;
    }
    markActive();
    renderHeader();
    await loadMessages({ keepScroll: !reset });
  }

  // ---------------------------------------------------------------- kejadian langsung
  function handleEvent(event) {
    if (!event || typeof event !== 'object') return;
    const chat = Number(event.chat ?? (event.message && event.message.chat_id));
    const perChat = event.type === 'message' || event.type === 'edit' || event.type === 'delete';
    if (perChat && chat === S.chatId && S.loading) {
      S.pending.push(event);
      return;
    }
    applyEvent(event);
  }

  function applyEvent(event) {
    const chat = Number(event.chat ?? (event.message && event.message.chat_id));
    switch (event.type) {
      case 'message':
        onNewMessage(chat, event.message);
        break;
      case 'edit':
        onEdit(chat, event.message);
        break;
      case 'delete':
        if (chat === S.chatId) removeMessage(Number(event.message_id));
        break;
      case 'clock':
        setNow(event.now);
        break;
      case 'reset':
        reloadAll({ reset: true });
        break;
      default:
        break;
    }
  }

  function onNewMessage(chat, message) {
    if (!message) return;
    const key = keyOf(chat, message.message_id);
    if (chat === S.chatId) {
      const known = S.elements.has(Number(message.message_id));
      const atBottom = nearBottom();
      upsertMessage(message);
      decorate();
      if (!known) {
        if (atBottom || isOutgoing(message)) {
          scrollToBottom();
          stickToBottom = true;
        } else {
          S.newBelow += 1;
          updateScrollDown();
        }
      }
      applyForceReply();
      return;
    }
    if (S.seen.has(key)) return;
    S.seen.add(key);
    if (!S.people.has(chat) && !S.groups.has(chat)) return;
    S.unread.set(chat, (S.unread.get(chat) || 0) + 1);
    updateBadge(chat);
  }

  function onEdit(chat, message) {
    if (!message || chat !== S.chatId) return;
    const id = Number(message.message_id);
    if (!S.messages.has(id)) return;
    const atBottom = nearBottom();
    upsertMessage(message);
    decorate();
    if (atBottom) scrollToBottom();
    if (S.reply && S.reply.message_id === id) dom.replySnippet.textContent = snippetOf(message);
    applyForceReply();
  }

  let source = null;
  let everConnected = false;
  let retryTimer = 0;

  function connectEvents() {
    if (source) source.close();
    source = new EventSource('/api/events');
    source.onopen = () => {
      dom.conn.hidden = true;
      if (everConnected) reloadAll(); // tersambung kembali: muat ulang obrolan terbuka
      everConnected = true;
    };
    source.onmessage = (e) => {
      let event;
      try {
        event = JSON.parse(e.data);
      } catch {
        return;
      }
      handleEvent(event);
    };
    source.onerror = () => {
      dom.conn.hidden = false;
      if (source.readyState === EventSource.CLOSED) {
        clearTimeout(retryTimer);
        retryTimer = setTimeout(connectEvents, 3000);
      }
    };
  }

  // ---------------------------------------------------------------- sambungan antarmuka
  function bindUi() {
    dom.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      submitComposer();
    });
    dom.input.addEventListener('keydown', onComposerKey);
    dom.input.addEventListener('input', () => {
      autosize();
      updateMenuFromInput();
    });

    dom.menuButton.addEventListener('click', () => {
      if (S.menuMode === 'all') closeMenu();
      else openMenu('all');
    });

    document.addEventListener('mousedown', (event) => {
      if (!S.menuMode) return;
      if (dom.menu.contains(event.target) || dom.menuButton.contains(event.target)) return;
      if (event.target === dom.input && S.menuMode === 'filter') return;
      closeMenu();
    });

    dom.attach.addEventListener('click', () => dom.fileInput.click());
    dom.fileInput.addEventListener('change', () => {
      const file = dom.fileInput.files && dom.fileInput.files[0];
      if (file) uploadFile(file);
    });

    dom.replyCancel.addEventListener('click', () => {
      cancelReply();
      dom.input.focus();
    });

    dom.asPerson.addEventListener('change', () => {
      if (!isGroupId(S.chatId)) return;
      S.asPerson[S.chatId] = Number(dom.asPerson.value);
      writeStored('pg.asPerson', S.asPerson);
      const keepTop = dom.messages.scrollTop;
      const atBottom = nearBottom();
      renderAllMessages();
      if (atBottom) scrollToBottom();
      else dom.messages.scrollTop = keepTop;
      applyForceReply();
    });

    dom.back.addEventListener('click', () => {
      if (history.state && history.state.view === 'chat') history.back();
      else showListView();
    });

    // riwayat peramban: 'list' dan 'chat' adalah entri milik halaman ini (tombol kembali ponsel);
    // tanpa state berarti alamat #chat=… diubah sendiri oleh pengguna
    window.addEventListener('popstate', (event) => {
      const view = event.state && event.state.view;
      if (!view) {
        const id = chatFromHash();
        if (id !== null && (S.people.has(id) || S.groups.has(id))) {
          if (id !== S.chatId) openChat(id, { show: true });
          else if (phone.matches) showChatView();
          return;
        }
      }
      if (view === 'chat') dom.app.classList.add('view-chat');
      else showListView();
      if (S.chatId !== null) setHash(S.chatId);
    });

    window.addEventListener('hashchange', () => {
      const id = chatFromHash();
      if (id !== null && id !== S.chatId) openChat(id, { show: true });
    });

    dom.messages.addEventListener('scroll', () => {
      stickToBottom = nearBottom();
      updateScrollDown();
    });
    dom.scrollDown.addEventListener('click', () => {
      dom.messages.scrollTo({ top: dom.messages.scrollHeight, behavior: 'smooth' });
      S.newBelow = 0;
      updateScrollDown();
    });

    // klik di daftar pesan: tautan undangan, kutipan balasan, tombol balas, spoiler
    dom.messages.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      const anchor = target.closest('a[href]');
      if (anchor) {
        const code = inviteCode(anchor.getAttribute('href'));
        if (code !== null) {
          event.preventDefault();
          showOpenAs(code);
        }
        return;
      }
      const spoiler = target.closest('.spoiler');
      if (spoiler && !spoiler.classList.contains('revealed')) {
        spoiler.classList.add('revealed');
        return;
      }
      const quote = target.closest('.reply-quote');
      if (quote) {
        scrollToMessage(quote.dataset.replyTo);
        return;
      }
      const action = target.closest('.reply-action');
      if (action) {
        const row = action.closest('.message');
        const message = row && S.messages.get(Number(row.dataset.messageId));
        if (message) {
          setReply(message);
          dom.input.focus();
        }
      }
    });

    // tekan lama pada ponsel = balas
    let pressTimer = 0;
    let pressPoint = null;
    dom.messages.addEventListener(
      'touchstart',
      (event) => {
        const target = event.target instanceof Element ? event.target : null;
        const bubble = target && target.closest('.bubble');
        if (!bubble || target.closest('a, button')) return;
        const touch = event.touches[0];
        pressPoint = { x: touch.clientX, y: touch.clientY };
        clearTimeout(pressTimer);
        pressTimer = setTimeout(() => {
          const row = bubble.closest('.message');
          const message = row && S.messages.get(Number(row.dataset.messageId));
          if (message) {
            setReply(message);
            if (navigator.vibrate) navigator.vibrate(20);
          }
        }, 550);
      },
      { passive: true },
    );
    const cancelPress = () => clearTimeout(pressTimer);
    dom.messages.addEventListener(
      'touchmove',
      (event) => {
        const touch = event.touches[0];
        if (!pressPoint || Math.hypot(touch.clientX - pressPoint.x, touch.clientY - pressPoint.y) > 10) {
          cancelPress();
        }
      },
      { passive: true },
    );
    dom.messages.addEventListener('touchend', cancelPress);
    dom.messages.addEventListener('touchcancel', cancelPress);

    // jam & ulang
    $('#clock-day').addEventListener('click', () => clockStep('hari'));
    $('#clock-monday').addEventListener('click', () => clockStep('senin'));
    $('#clock-digest').addEventListener('click', () => clockStep('ringkasan'));
    $('#reset').addEventListener('click', resetAll);

    // dialog
    dom.alertOk.addEventListener('click', closeAlert);
    dom.alert.addEventListener('click', (event) => {
      if (event.target === dom.alert) closeAlert();
    });
    dom.openAsList.addEventListener('click', (event) => {
      const b = event.target instanceof Element ? event.target.closest('[data-open-as]') : null;
      if (b) openLinkAs(b.dataset.openAs);
    });
    dom.openAsCancel.addEventListener('click', closeOpenAs);
    dom.openAs.addEventListener('click', (event) => {
      if (event.target === dom.openAs) closeOpenAs();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        if (!dom.alert.hidden) closeAlert();
        else if (!dom.openAs.hidden) closeOpenAs();
      } else if (event.key === 'Enter' && !dom.alert.hidden && document.activeElement !== dom.alertOk) {
        event.preventDefault();
        closeAlert();
      }
    });
  }

  // ---------------------------------------------------------------- mulai
  async function start() {
    bindUi();
    autosize();
    for (;;) {
      try {
        await loadState();
        break;
      } catch {
        dom.pemda.textContent = 'Server belum siap, mencoba lagi…';
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
    const fromHash = chatFromHash();
    const valid = fromHash !== null && (S.people.has(fromHash) || S.groups.has(fromHash));
    const id = valid ? fromHash : defaultChat();
    if (valid && phone.matches) dom.app.classList.add('view-chat');
    connectEvents();
    if (id !== null) await openChat(id, { focus: !phone.matches });
    else dom.messages.replaceChildren(el('div', 'chat-note', 'Belum ada orang di playground.'));
  }

  start();
})();
