// Elements that stick out to the right of the text column (code that does not wrap, a wide
// table or formula): cut at the edge of the paper. MathJax's hidden speech text does not count.
() => {
  const article = document.querySelector('article.bd-article');
  const right = article.getBoundingClientRect().right + 1;
  const wide = e => e.getClientRects().length && e.getBoundingClientRect().right > right;
  return [...article.querySelectorAll('*')]
    .filter(e => wide(e) && !e.closest('mjx-assistive-mml') && !(e.parentElement && wide(e.parentElement)))
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}: ${e.textContent.trim().slice(0, 60)}`);
}
