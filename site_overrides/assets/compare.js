/* Seloste: any two versions of the notice compared in the reader's browser (the page /<lang>/compare/).
   selosteCompare is generator/record/compare.py said again in JavaScript, step for step, so that a pair
   compared here reads as its build-time diff page does (tests/browser/test_compare_page.py holds the two
   to one result). The texts are the frozen ones the site serves beside the pages; every word of them
   becomes a text node, never markup. */
var selosteCompare = (function () {
  "use strict";
  const INTRODUCTION = "introduction", SIMILAR = 0.4, LOOK_AHEAD = 16, WORD_PAIRS = 4000000;
  // Python's white space (str.isspace) and word characters (\w), which JavaScript's \s and \w are not.
  const S = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const W = "\\p{L}\\p{N}_";
  const SPACE = new RegExp("[" + S + "]+", "u"), ENDS = new RegExp("^[" + S + "]+|[" + S + "]+$", "gu");
  const WORD = new RegExp("[" + W + "]+|[" + S + "]+|[^" + W + S + "]", "gu");
  const NOT_WORD = new RegExp("[^" + W + "]+", "gu");
  const HEADING = new RegExp("^(#{1,6}) (.*?)(?:[" + S + "]*\\{ #([A-Za-z0-9_-]+) \\})?$", "u");
  const LINES = /\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;
  const LINK = /\[([^\]]*)\]\(<([^>]*)>\)/gu, ESCAPE = /\\(.)/gu, MARKUP = /[[*\\&]/, LEAD = /^\*\*(.+?)\*\*/u;
  const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;
  const EDGE = "\"'.,;:!?…‘’‚“”„«»‹›()\\[\\]{}\\-‐‑–—";  // changes.py's _EDGES
  const EDGES = new RegExp("^[" + EDGE + "]+|[" + EDGE + "]+$", "gu");
  // html.unescape knows every HTML5 name; the generator writes only &amp; &lt; &gt; and &#126;.
  const NAMED = new Map([["amp", "&"], ["lt", "<"], ["gt", ">"], ["quot", '"'], ["nbsp", "\xa0"]].flatMap(
    ([name, text]) => [[name, text], [name + ";", text]]).concat([["apos;", "'"]]));
  const CP1252 = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ";
  const strip = (text) => text.replace(ENDS, "");
  const key = JSON.stringify;

  // -- difflib.SequenceMatcher(a=a, b=b, autojunk=False), its items compared by `key` -----------------
  function matcher(a, b) {
    a = a.map(key); b = b.map(key);
    const b2j = new Map();
    b.forEach((item, j) => (b2j.get(item) || b2j.set(item, []).get(item)).push(j));
    function longest(alo, ahi, blo, bhi) {
      let besti = alo, bestj = blo, size = 0, j2len = new Map();
      for (let i = alo; i < ahi; i++) {
        const next = new Map();
        for (const j of b2j.get(a[i]) || []) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > size) [besti, bestj, size] = [i - k + 1, j - k + 1, k];
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        [besti, bestj, size] = [besti - 1, bestj - 1, size + 1];
      }
      while (besti + size < ahi && bestj + size < bhi && a[besti + size] === b[bestj + size]) size++;
      return [besti, bestj, size];
    }
    function blocks() {
      const queue = [[0, a.length, 0, b.length]], found = [], out = [];
      while (queue.length) {
        const [alo, ahi, blo, bhi] = queue.pop(), [i, j, k] = longest(alo, ahi, blo, bhi);
        if (!k) continue;
        found.push([i, j, k]);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
      found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
      let [i1, j1, k1] = [0, 0, 0];
      for (const [i2, j2, k2] of found) {
        if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
        else { if (k1) out.push([i1, j1, k1]); [i1, j1, k1] = [i2, j2, k2]; }
      }
      if (k1) out.push([i1, j1, k1]);
      out.push([a.length, b.length, 0]);
      return out;
    }
    const ratio = (matches) => (a.length + b.length ? 2 * matches / (a.length + b.length) : 1);
    return {
      opcodes() {  // [equal, i1, i2, j1, j2]: only "equal" or not matters here
        let i = 0, j = 0;
        const out = [];
        for (const [ai, bj, size] of blocks()) {
          if (i < ai || j < bj) out.push([false, i, ai, j, bj]);
          [i, j] = [ai + size, bj + size];
          if (size) out.push([true, ai, i, bj, j]);
        }
        return out;
      },
      realQuickRatio: () => ratio(Math.min(a.length, b.length)),
      quickRatio() {
        const count = new Map(), avail = new Map();
        let matches = 0;
        for (const item of b) count.set(item, (count.get(item) || 0) + 1);
        for (const item of a) {
          const n = avail.has(item) ? avail.get(item) : count.get(item) || 0;
          avail.set(item, n - 1);
          if (n > 0) matches++;
        }
        return ratio(matches);
      },
      ratio: () => ratio(blocks().reduce((sum, [, , size]) => sum + size, 0)),
    };
  }

  // -- Reading a released text ------------------------------------------------------------------------
  function charref(whole, ref) {
    if (ref[0] === "#") {
      const n = /[xX]/.test(ref[1]) ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (n === 0) return "\ufffd";
      if (n === 13) return "\r";
      if (n >= 0x80 && n <= 0x9f) return CP1252[n - 0x80];
      if ((n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff) return "\ufffd";
      const invalid = (n >= 1 && n <= 8) || (n >= 14 && n <= 31) || n === 11 || n === 0x7f;
      if (invalid || (n >= 0xfdd0 && n <= 0xfdef) || (n & 0xfffe) === 0xfffe) return "";
      return String.fromCodePoint(n);
    }
    if (NAMED.has(ref)) return NAMED.get(ref);
    for (let x = ref.length - 1; x > 1; x--) {
      if (NAMED.has(ref.slice(0, x))) return NAMED.get(ref.slice(0, x)) + ref.slice(x);
    }
    return "&" + ref;
  }
  const unescape = (text) => text.replace(ESCAPE, "$1").replace(CHARREF, charref);

  function plain(markdown) {  // inline Markdown as the reader sees it; a link keeps its address
    if (!MARKUP.test(markdown)) return markdown;
    return unescape(markdown.replace(LINK, (whole, text, url) => {
      const address = url.replace(CHARREF, charref).replace(/^mailto:/, "");
      return address === unescape(text) ? text : text + " <" + address + ">";
    }).split("**").join(""));
  }

  function cells(row) {  // a table row's cells: split at each | that no backslash escapes
    const out = [];
    let last = 0;
    for (let i = 0; i < row.length; i++) {
      if (row[i] === "|" && row[i - 1] !== "\\") out.push(row.slice(last, i)), (last = i + 1);
    }
    return out.concat(row.slice(last));
  }

  function sections(markdown) {
    const found = [], lines = markdown.split(LINES);
    if (lines[lines.length - 1] === "") lines.pop();
    let [section, level, heading, title, blocks, paragraph, table] = [INTRODUCTION, 2, "", "", [], [], []];
    const block = (kind, text, rows, lead) => ({kind, text: text || "", rows: rows || [], lead: lead || ""});
    function close() {
      if (paragraph.length) blocks.push(block("paragraph", plain(paragraph.join(" ")))), paragraph = [];
      if (table.length) blocks.push(block("table", "", table)), table = [];
    }
    for (const line of lines) {
      const stripped = strip(line), match = HEADING.exec(stripped);
      if (match) {
        close();
        if (blocks.length || section !== INTRODUCTION || heading) {
          found.push({key: section, level, heading, title, blocks});
        }
        blocks = [];
        const [, marks, text, anchor] = match;
        const slug = () => plain(text).toLowerCase().replace(NOT_WORD, "-").replace(/^-+|-+$/g, "") || "section";
        [section, level] = marks.length === 1 ? [INTRODUCTION, 2] : [anchor || slug(), marks.length];
        [heading, title] = [text, plain(text)];
      } else if (stripped.startsWith("|")) {
        if (paragraph.length) close();
        const row = cells(stripped.replace(/^\|+|\|+$/g, "")).map((cell) => plain(strip(cell)));
        if (!row.every((cell) => /^[-: ]*$/.test(cell))) table.push(row);
      } else if (stripped.startsWith("- ")) {
        close();
        const lead = LEAD.exec(stripped.slice(2));
        blocks.push(block("item", plain(stripped.slice(2)), [], lead ? plain(lead[1]) : ""));
      } else if (!stripped || stripped === "---") close();
      else {
        if (table.length) close();
        paragraph.push(stripped);
      }
    }
    close();
    found.push({key: section, level, heading, title, blocks});
    return found;
  }

  // -- Comparing --------------------------------------------------------------------------------------
  // str.casefold: JavaScript has none; upper then lower case is it but for these.
  const fold = (text) => text.split("ı").map((part) => part.toUpperCase().toLowerCase()).join("ı")
    .replace(/ς/g, "σ").replace(/ß/g, "ss").replace(/[\u13f8-\u13fd\uab70-\uabbf]/g, (c) => c.toUpperCase());
  const wording = (text) => text.split(SPACE).map((word) => word.replace(EDGES, "")).filter(Boolean)
    .map((word) => (/[:/@]/.test(word) ? word : fold(word)));
  const sameWords = (a, b) => key(wording(a)) === key(wording(b));
  const span = (op, text) => ({op, text});
  const tokens = (text) => text.match(WORD) || [];

  function words(old, now) {
    const a = tokens(old), b = tokens(now), spans = [];
    if (a.length * b.length > WORD_PAIRS) return [span("removed", old), span("added", now)].filter((s) => s.text);
    for (const [equal, i1, i2, j1, j2] of matcher(a, b).opcodes()) {
      if (equal) { spans.push(span("same", a.slice(i1, i2).join(""))); continue; }
      if (i2 > i1) spans.push(span("removed", a.slice(i1, i2).join("")));
      if (j2 > j1) spans.push(span("added", b.slice(j1, j2).join("")));
    }
    return merged(spans);
  }

  function merged(spans) {  // each run of changes as one deletion and one insertion
    const out = [];
    let removed = "", added = "";
    const flush = () => {
      out.push(...[span("removed", removed), span("added", added)].filter((s) => s.text));
      removed = added = "";
    };
    spans.forEach((s, index) => {
      const inside = s.op === "same" && !strip(s.text) && (removed || added)
        && index + 1 < spans.length && spans[index + 1].op !== "same";
      if (s.op === "removed" || inside) removed += s.text;
      if (s.op === "added" || inside) added += s.text;
      if (s.op === "same" && !inside) flush(), out.push(s);
    });
    flush();
    return out;
  }

  function similar(old, now) {
    const a = tokens(fold(old)), b = tokens(fold(now)), m = matcher(a, b);
    return m.realQuickRatio() >= SIMILAR && m.quickRatio() >= SIMILAR
      && a.length * b.length <= WORD_PAIRS && m.ratio() >= SIMILAR;
  }

  const row = (op, cells) => ({op, cells: cells.map((cell) => [span(op, cell)]), nature: "substantive"});
  const change = (op, kind, fields) =>
    Object.assign({op, kind, spans: [], header: [], rows: [], nature: "substantive"}, fields);
  const nature = (old, now) =>
    (old.length === now.length && old.every((text, i) => sameWords(text, now[i])) ? "editorial" : "substantive");

  function whole(op, block) {
    if (block.kind !== "table") return change(op, block.kind, {spans: [span(op, block.text)]});
    const [header, ...rows] = block.rows.length ? block.rows : [[]];
    return change(op, "table", {header, rows: rows.map((cells) => row(op, cells))});
  }

  function rowKeys(rows) {  // a row is named by its first cell's words, unless another row has them too
    const firsts = rows.map((cells) => key(cells.length ? wording(cells[0]) : [])), seen = new Map();
    firsts.forEach((first) => seen.set(first, (seen.get(first) || 0) + 1));
    return firsts.map((first, i) => (seen.get(first) === 1 ? "1" + first : "2" + key([first, rows[i]])));
  }

  function table(old, now) {
    const before = old.rows.slice(1), after = now.rows.slice(1), out = [];
    for (const [equal, i1, i2, j1, j2] of matcher(before, after).opcodes()) {
      if (equal) { out.push(...before.slice(i1, i2).map((cells) => row("same", cells))); continue; }
      const gone = new Map(), come = new Map();
      rowKeys(before.slice(i1, i2)).forEach((k, i) => gone.set(k, before[i1 + i]));
      rowKeys(after.slice(j1, j2)).forEach((k, j) => come.set(k, after[j1 + j]));
      for (const [k, cells] of gone) if (!come.has(k)) out.push(row("removed", cells));
      for (const [k, cells] of come) {
        if (!gone.has(k)) { out.push(row("added", cells)); continue; }
        const was = gone.get(k), n = Math.min(was.length, cells.length);
        out.push({op: "changed", nature: nature(was, cells),
          cells: cells.slice(0, n).map((cell, c) => (was[c] !== cell ? words(was[c], cell) : [span("same", cell)]))});
      }
    }
    return change("changed", "table", {header: now.rows.length ? now.rows[0] : [], rows: out});
  }

  function changed(old, now) {
    if (key(old) === key(now)) return whole("same", now);
    if (old.kind === "table") return table(old, now);
    return change("changed", old.kind, {spans: words(old.text, now.text), nature: nature([old.text], [now.text])});
  }

  function uniqueLeads(blocks) {
    const seen = new Map();
    for (const b of blocks) if (b.lead) seen.set(fold(b.lead), (seen.get(fold(b.lead)) || 0) + 1);
    return new Set([...seen].filter(([, count]) => count === 1).map(([lead]) => lead));
  }

  function alignBlocks(old, now) {  // compare.py's _blocks
    const theirs = uniqueLeads(now), leads = new Set([...uniqueLeads(old)].filter((lead) => theirs.has(lead)));
    const signature = (b) =>
      (b.lead && leads.has(fold(b.lead)) ? ["lead", fold(b.lead)] : b.kind === "table" ? ["table"] : [b.kind, wording(b.text)]);
    const a = old.map(signature), b = now.map(signature), led = new Map(), moved = new Map(), out = [];
    b.forEach((sig, j) => sig[0] === "lead" && led.set(key(sig), j));
    a.forEach((sig, i) => led.has(key(sig)) && moved.set(led.get(key(sig)), i));
    const movedOld = new Set(moved.values());
    const placed = (j) => (moved.has(j) ? changed(old[moved.get(j)], now[j]) : whole("added", now[j]));
    const range = (from, to) => Array.from({length: Math.max(0, to - from)}, (_, k) => from + k);
    for (const [equal, i1, i2, j1, j2] of matcher(a, b).opcodes()) {
      if (equal) { range(i1, i2).forEach((i, k) => out.push(changed(old[i], now[j1 + k]))); continue; }
      const olds = range(i1, i2).filter((i) => !movedOld.has(i)), pending = range(j1, j2).filter((j) => !moved.has(j));
      const oneForOne = olds.length === 1 && pending.length === 1
        && old[olds[0]].kind === "item" && now[pending[0]].kind === "item";
      let following = j1, first = 0;
      for (const i of olds) {
        const found = oneForOne ? 0 : find(old[i], now, pending, first);
        if (found === null) { out.push(whole("removed", old[i])); continue; }
        out.push(...range(following, pending[found]).map(placed), changed(old[i], now[pending[found]]));
        [following, first] = [pending[found] + 1, found + 1];
      }
      out.push(...range(following, j2).map(placed));
    }
    return out;
  }

  function find(block, now, pending, first) {  // which of the next LOOK_AHEAD pending blocks `block` became
    const kind = [];
    for (let k = first; k < Math.min(first + LOOK_AHEAD, pending.length); k++) {
      if (now[pending[k]].kind === block.kind) kind.push(k);
    }
    if (block.kind === "table") return kind.length ? kind[0] : null;
    const found = kind.find((k) => similar(block.text, now[pending[k]].text));
    return found === undefined ? null : found;
  }

  function inContext(blocks) {  // unchanged blocks more than one away from a change become one "skip"
    const near = new Set(), out = [];
    blocks.forEach((b, i) => b.op !== "same" && [i - 1, i, i + 1].forEach((n) => near.add(n)));
    blocks.forEach((b, i) => {
      if (near.has(i)) out.push(b);
      else if (!out.length || out[out.length - 1].op !== "skip") out.push(change("skip", ""));
    });
    return out;
  }

  const sectionChange = (s, op, blocks) => ({key: s.key, level: s.level, heading: s.heading, op, blocks: blocks || []});

  function compareSection(old, now) {
    if (!old || !now) {
      const op = old ? "removed" : "added", shown = now || old;
      return sectionChange(shown, op, shown.blocks.map((b) => whole(op, b)));
    }
    if (old.title === now.title && key(old.blocks) === key(now.blocks)) return sectionChange(now, "same");
    const blocks = alignBlocks(old.blocks, now.blocks);
    if (old.title !== now.title) {
      blocks.unshift(change("changed", "heading", {spans: words(old.title, now.title), nature: nature([old.title], [now.title])}));
    }
    const any = blocks.some((b) => b.op !== "same");
    return sectionChange(now, any ? "changed" : "same", any ? inContext(blocks) : []);
  }

  function compare(old, now) {  // the sections that changed, in reading order, each under its parent headings
    const before = sections(old), after = sections(now), index = new Map(), keys = new Set(after.map((s) => s.key));
    before.forEach((s, i) => index.set(s.key, i));
    const merged = [], gone = (list) => list.filter((s) => !keys.has(s.key)).map((s) => compareSection(s, null));
    let position = 0;
    for (const s of after) {
      if (!index.has(s.key)) { merged.push(compareSection(null, s)); continue; }
      const i = index.get(s.key);
      merged.push(...gone(before.slice(position, i)));
      position = Math.max(position, i + 1);
      merged.push(compareSection(before[i], s));
    }
    merged.push(...gone(before.slice(position)));
    return merged.filter((s, i) => {
      if (s.op !== "same") return true;
      const below = merged.slice(i + 1), end = below.findIndex((later) => later.level <= s.level);
      return (end < 0 ? below : below.slice(0, end)).some((later) => later.op !== "same");
    }).map((s) => (s.op === "same" ? sectionChange(s, "same") : s));
  }

  return {compare, sections, plain, wording, fold, tokens};
})();

// -- The page: two lists of versions, the comparison under them, the address saying which -------------
(function () {
  "use strict";
  const form = typeof document === "object" && document.getElementById("seloste-compare");
  if (!form) return;
  const say = JSON.parse(document.getElementById("seloste-compare-words").textContent);
  const [note, status, result] = ["note", "status", "result"].map((name) => document.getElementById("seloste-compare-" + name));
  const from = form.elements.from, to = form.elements.to;
  if (location.protocol === "file:") {  // no fetch from a file: the links below still work
    note.textContent = say.file;
    return;
  }
  note.hidden = true;
  form.hidden = false;
  const texts = new Map();
  let shown = 0;

  function el(tag, className, ...children) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    made.append(...children);  // strings become text nodes
    return made;
  }
  const label = (op) => ({added: say.added, removed: say.removed, changed: say.changed})[op] || "";
  const nature = (change) => (change.nature === "editorial" ? " seloste-diff-editorial" : "");
  const hidden = (made) => (made.setAttribute("aria-hidden", "true"), made);
  const fill = (message, values) => message.replace(/%\((\w+)\)s/g, (whole, name) => values[name]);

  function spans(items, labelled, editorial) {  // words inserted and deleted, named for screen readers
    return items.map((s) => {
      if (s.op !== "added" && s.op !== "removed") return s.text;
      const added = s.op === "added", mark = el(added ? "ins" : "del");
      const named = added ? (editorial ? say.now : say.added) : editorial ? say.was : say.removed;
      if (labelled) mark.append(el("span", "seloste-sr", named + " "));
      mark.append(s.text);
      return mark;
    });
  }

  function table(block) {
    const th = (text) => Object.assign(el("th", "", text), {scope: "col"});
    const rows = block.rows.map((row) => {
      const named = row.op === "same" ? say.unchanged : row.nature === "editorial" ? say.edited : label(row.op);
      const cells = row.cells.map((cell) => el("td", "", ...spans(cell, row.op === "changed", row.nature === "editorial")));
      return el("tr", "seloste-diff-" + row.op + nature(row), el("td", "", el("strong", "", named)), ...cells);
    });
    const head = el("thead", "", el("tr", "", th(say.change), ...block.header.map(th)));
    const box = el("div", "seloste-table", el("table", "", head, el("tbody", "", ...rows)));
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", say.table);
    box.tabIndex = 0;
    return box;
  }

  function section(change) {  // as templates/files/diff.html.j2 writes it under the section's heading
    const heading = el("h" + Math.min(Math.max(change.level, 2), 6), "", selosteCompare.plain(change.heading));
    if (change.op === "same") return [heading];
    const box = el("div", "seloste-diff");
    if (change.op === "added" || change.op === "removed") {
      const said = change.op === "added" ? say.new_section : say.section_removed;
      box.append(el("p", "seloste-diff-note seloste-diff-" + change.op, el("strong", "", said)));
    }
    let list = null;
    for (const block of change.blocks) {
      let made;
      if (block.op === "skip") {
        made = el("p", "seloste-diff-skip", hidden(el("span", "", "…")), el("span", "seloste-sr", say.skipped));
      } else if (block.kind === "table") {
        made = table(block);
      } else {
        made = el(block.kind === "item" ? "li" : "p", "seloste-diff-" + block.op + nature(block));
        const whole = block.op === "added" || block.op === "removed";
        const lead = block.kind === "heading" ? say.heading : whole ? label(block.op) : block.nature === "editorial" ? say.edited : "";
        if (lead) made.append(el("strong", "", lead), " ");
        made.append(...spans(block.spans, block.op === "changed", block.nature === "editorial"));
      }
      if (block.kind !== "item") list = null;
      else if (!list) box.append((list = el("ul")));
      (list || box).append(made);
    }
    return [heading, box];
  }

  function text(option) {
    if (!texts.has(option.value)) {
      const address = form.dataset.texts + encodeURIComponent(option.value) + "/" + form.dataset.text;
      const read = (response) => (response.ok ? response.text() : Promise.reject(response.status));
      texts.set(option.value, fetch(address).then(read));
      texts.get(option.value).catch(() => texts.delete(option.value));  // asked again next time
    }
    return texts.get(option.value);
  }

  async function show() {
    const asked = ++shown, old = from.selectedOptions[0], now = to.selectedOptions[0];
    status.textContent = say.loading;
    result.setAttribute("aria-busy", "true");
    let pair;
    try {
      pair = await Promise.all([text(old), text(now)]);
    } catch (problem) {
      pair = null;
    }
    if (asked !== shown) return;  // a later choice is on its way
    const changes = pair && selosteCompare.compare(pair[0], pair[1]);
    result.replaceChildren(...(!pair ? [] : changes.length ? changes.flatMap(section) : [el("p", "", say.same)]));
    result.removeAttribute("aria-busy");
    const pairNamed = {old: old.value, old_date: old.dataset.date, new: now.value, new_date: now.dataset.date};
    status.textContent = pair ? fill(say.what, pairNamed) : say.failed;
  }

  function choose() {  // the pair the address names (?from=ID&to=ID), where it names versions listed
    const asked = new URLSearchParams(location.search);
    for (const [select, name] of [[from, "from"], [to, "to"]]) {
      const option = [...select.options].find((o) => o.value === asked.get(name));
      if (option) select.value = option.value;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.pushState(null, "", "?" + new URLSearchParams({from: from.value, to: to.value}) + location.hash);
    show();
  });
  addEventListener("popstate", () => (choose(), show()));
  choose();
  show();
})();
