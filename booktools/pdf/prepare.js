// Title page, contents, chapter headings one level up (chapters are top-level bookmarks), every
// hidden solution unfolded. Runs once, in the page (booktools/pdf/printing.py); returns the
// contents' entries and every heading's text (to give the bookmarks their titles back where a
// heading wrapped).
(book) => {
  const article = document.querySelector('article.bd-article');
  const text = h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
                      .map(n => n.textContent).join('').replace(/\s+/g, ' ').trim();
  document.title = book.title;
  document.documentElement.classList.add('book-pdf');
  const root = article.querySelector('section');
  const entries = [{id: root.id, title: text(root.querySelector('h1')), label: 'Introduction'}];
  // Chapters (and the reference pages) are <h2> inside the introduction's section in a single
  // page: promote every heading of those documents one level, so each is an <h1> bookmark.
  for (const span of article.querySelectorAll('span[id^="document-"]')) {
    const section = span.nextElementSibling;
    if (!section) continue;
    for (const h of [...section.querySelectorAll('h2, h3, h4, h5, h6')]) {
      const promoted = document.createElement('h' + (Number(h.tagName[1]) - 1));
      for (const a of h.attributes) promoted.setAttribute(a.name, a.value);
      while (h.firstChild) promoted.appendChild(h.firstChild);
      h.replaceWith(promoted);
    }
    const title = section.querySelector('h1');
    if (title) entries.push({id: span.id, title: text(title), label: text(title)});
    // Solutions are not printed under their exercises (a reader would see the answer before
    // trying): they move to a section at the end of the chapter, after the summary, with the
    // function Ctrl+P uses (assets/scripts/pdf-link.js).
    if (typeof window.bookMoveSolutions !== 'function') throw new Error('pdf-link.js is not loaded');
    window.bookMoveSolutions(section, null);
  }
  for (const d of document.querySelectorAll('details')) d.open = true;
  const esc = s => s.replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  const front = document.createElement('div');
  front.innerHTML = `
    <section class="book-pdf-titlepage">
      <p class="book-pdf-title">${esc(book.title)}</p>
      ${book.subtitle ? `<p class="book-pdf-subtitle">${esc(book.subtitle)}</p>` : ''}
      <p class="book-pdf-author">${esc(book.author)}</p>
      <p class="book-pdf-edition">${esc(book.edition)}</p>
      <p class="book-pdf-url">Read it online, with the interactive plots:
        <a href="${esc(book.url)}">${esc(book.url)}</a></p>
      <p class="book-pdf-url">Source and notebooks: <a href="${esc(book.repository)}">${esc(book.repository)}</a></p>
    </section>
    <nav class="book-pdf-contents" aria-label="Contents">
      <h1 id="book-pdf-contents">Contents</h1>
      <ol>${entries.map(e => `<li><a href="#${esc(e.id)}"><span class="book-pdf-entry">${esc(e.label)}</span>
        <span class="book-pdf-page" data-id="${esc(e.id)}">000</span></a></li>`).join('')}</ol>
    </nav>`;
  article.prepend(...front.children);
  const headings = [...article.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(text);
  return {entries, headings};
}
